import type { OpenAPIObject } from '@nestjs/swagger';
import { toOpenApi31 } from './openapi-31';

function documentWith(properties: Record<string, unknown>): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {},
    components: {
      schemas: {
        JobType: { type: 'string', enum: ['data-collection', 'analytics-generation'] },
        LeaseDto: { type: 'object', properties: {} },
        OtherDto: { type: 'object', properties: {} },
        Holder: { type: 'object', properties },
      },
    },
  } as OpenAPIObject;
}

function holder(document: OpenAPIObject): Record<string, unknown> {
  const schemas = document.components?.schemas as Record<string, { properties: object }>;
  return schemas['Holder'].properties as Record<string, unknown>;
}

describe('toOpenApi31', () => {
  it('unwraps a described enum reference into a $ref with its description', () => {
    const out = toOpenApi31(
      documentWith({
        jobType: { allOf: [{ $ref: '#/components/schemas/JobType' }], description: 'What.' },
      }),
    );
    expect(out.openapi).toBe('3.1.0');
    expect(holder(out)['jobType']).toEqual({
      $ref: '#/components/schemas/JobType',
      description: 'What.',
    });
  });

  it('writes a nullable reference as oneOf the model or null, without type object', () => {
    const out = toOpenApi31(
      documentWith({
        lease: {
          allOf: [{ $ref: '#/components/schemas/LeaseDto' }],
          type: 'object',
          nullable: true,
          description: 'Who holds it.',
        },
      }),
    );
    expect(holder(out)['lease']).toEqual({
      description: 'Who holds it.',
      oneOf: [{ $ref: '#/components/schemas/LeaseDto' }, { type: 'null' }],
    });
  });

  it('adds the null branch to a nullable oneOf and null to nullable scalar types', () => {
    const out = toOpenApi31(
      documentWith({
        result: {
          nullable: true,
          oneOf: [
            { $ref: '#/components/schemas/LeaseDto' },
            { $ref: '#/components/schemas/OtherDto' },
          ],
        },
        durationMs: { type: 'integer', nullable: true, minimum: 0 },
        status: { type: 'string', enum: ['ok'], nullable: true },
      }),
    );
    expect(holder(out)).toEqual({
      result: {
        oneOf: [
          { $ref: '#/components/schemas/LeaseDto' },
          { $ref: '#/components/schemas/OtherDto' },
          { type: 'null' },
        ],
      },
      durationMs: { type: ['integer', 'null'], minimum: 0 },
      status: { type: ['string', 'null'], enum: ['ok', null] },
    });
  });

  it('leaves examples alone, even where they hold schema-like keys', () => {
    const example = { nullable: true, allOf: [{ $ref: 'x' }] };
    const out = toOpenApi31(documentWith({ note: { type: 'object', example } }));
    expect(holder(out)['note']).toEqual({ type: 'object', example });
  });

  it('sets the enum descriptions and refuses an enum without one', () => {
    const out = toOpenApi31(documentWith({}));
    const schemas = out.components?.schemas as Record<string, { description?: string }>;
    expect(schemas['JobType'].description).toMatch(/data-collection/);
    const unknown = documentWith({});
    (unknown.components?.schemas as Record<string, object>)['Colour'] = {
      type: 'string',
      enum: ['red'],
    };
    expect(() => toOpenApi31(unknown)).toThrow(/Colour/);
  });
});
