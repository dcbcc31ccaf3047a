import fc from 'fast-check';
import { ApiError } from './api-error';
import { JsonDepthPipe, MAX_BODY_DEPTH, depthExceeds } from './json-depth.pipe';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('JsonDepthPipe', () => {
  const pipe = new JsonDepthPipe();

  it('passes a body at the bound and rejects one a level deeper', () => {
    expect(pipe.transform(nested(MAX_BODY_DEPTH), { type: 'body' })).toEqual(
      nested(MAX_BODY_DEPTH),
    );
    expect(() => pipe.transform(nested(MAX_BODY_DEPTH + 1), { type: 'body' })).toThrow(ApiError);
  });

  it('rejects 100,000 levels without overflowing the stack', () => {
    expect(() => pipe.transform(nested(100_000), { type: 'body' })).toThrow(
      `Request body is nested more than ${MAX_BODY_DEPTH} levels deep`,
    );
  });

  it('leaves params and queries alone', () => {
    expect(pipe.transform('61', { type: 'param' })).toBe('61');
  });

  it('agrees with a recursive depth count on arbitrary JSON', () => {
    const depthOf = (value: unknown): number =>
      typeof value === 'object' && value !== null
        ? 1 + Math.max(0, ...Object.values(value).map(depthOf))
        : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, max) => {
        expect(depthExceeds(value, max)).toBe(depthOf(value) > max);
      }),
    );
  });
});
