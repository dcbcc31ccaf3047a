import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * What integrators' generators rely on, checked on the committed spec (openapi:check keeps
 * it equal to what the API writes); Redocly's rules check the rest in openapi:test.
 */
const COMMITTED_SPEC = path.join(__dirname, '..', '..', '..', 'openapi', 'openapi.json');
type Node = Record<string, unknown>;
interface Operation extends Node {
  summary?: string;
  description?: string;
  parameters?: (Node & { name: string; description?: string })[];
  requestBody?: { content: Record<string, Node> };
  responses: Record<string, { content?: Record<string, Node> }>;
  security?: unknown[];
}

/** The only non-whole numbers the API sends: rates, percentages and a factor. */
const FRACTIONAL = new Set([
  'JobThroughputDto.itemsPerMinute',
  'JobThroughputDto.percentComplete',
  'CategoryScoreDto.value',
  'RateLimitConfigDto.backoffMultiplier',
  'RateLimitPatchDto.backoffMultiplier',
  // The AIMD control's rate moves in fractions of a request per minute.
  'RateLimiterStatusDto.allowedRequestsPerMinute',
]);

describe('the OpenAPI contract', () => {
  let spec: Node & {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Node>; securitySchemes: Record<string, Node> };
  };
  let operations: [string, Operation][];

  beforeAll(() => {
    spec = JSON.parse(readFileSync(COMMITTED_SPEC, 'utf8')) as typeof spec;
    operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]): [string, Operation] => [
        `${method.toUpperCase()} ${path}`,
        op,
      ]),
    );
  });

  it('is OpenAPI 3.1 with a server, a licence and an opaque bearer scheme', () => {
    expect(spec['openapi']).toBe('3.1.0');
    expect(spec['servers']).toEqual([expect.objectContaining({ url: '{scheme}://{host}' })]);
    expect((spec['info'] as Node)['license']).toEqual(
      expect.objectContaining({ identifier: expect.any(String) }),
    );
    expect(spec.components.securitySchemes['bearer']).toEqual({
      type: 'http',
      scheme: 'bearer',
      description: expect.any(String),
    });
  });

  it('documents every operation and parameter, and gives each parameter a schema', () => {
    for (const [name, op] of operations) {
      expect({ name, summary: Boolean(op.summary), description: Boolean(op.description) }).toEqual({
        name,
        summary: true,
        description: true,
      });
      for (const param of op.parameters ?? []) {
        expect({ name, param: param.name, described: Boolean(param.description) }).toEqual({
          name,
          param: param.name,
          described: true,
        });
        expect(param['schema']).toBeDefined();
      }
    }
  });

  it('describes every property, with no one-item allOf and no 3.0 nullable', () => {
    for (const [schemaName, schema] of Object.entries(spec.components.schemas)) {
      expect({
        schemaName,
        described: Boolean(schema['description']) || 'properties' in schema,
      }).toEqual({ schemaName, described: true });
      for (const [prop, value] of Object.entries(
        (schema['properties'] ?? {}) as Record<string, Node>,
      )) {
        const where = `${schemaName}.${prop}`;
        expect({ where, described: typeof value['description'] === 'string' }).toEqual({
          where,
          described: true,
        });
      }
    }
    const text = JSON.stringify(spec);
    expect(text).not.toMatch(/"nullable":/);
    expect(text).not.toMatch(/"allOf":\[\{"\$ref":"[^"]+"\}\]/);
  });

  it('types whole numbers as integers, query paging included, with bounds', () => {
    for (const [schemaName, schema] of Object.entries(spec.components.schemas)) {
      for (const [prop, value] of Object.entries(
        (schema['properties'] ?? {}) as Record<string, Node>,
      )) {
        const types = ([] as unknown[]).concat(value['type']);
        if (!types.includes('number')) continue;
        expect(`${schemaName}.${prop}`).toBe(
          FRACTIONAL.has(`${schemaName}.${prop}`) ? `${schemaName}.${prop}` : 'an integer',
        );
      }
    }
    const listJobs = spec.paths['/api/admin/backfill/jobs']['get'];
    const paging = Object.fromEntries(
      (listJobs.parameters ?? []).map((param) => [param.name, param['schema']]),
    );
    expect(paging['limit']).toEqual(
      expect.objectContaining({ type: 'integer', minimum: 1, maximum: 100 }),
    );
    expect(paging['offset']).toEqual(
      expect.objectContaining({ type: 'integer', minimum: 0, maximum: 1_000_000 }),
    );
  });

  it('names the job id jobId in every job, keeping the old id deprecated', () => {
    for (const name of ['JobSummaryDto', 'JobDto', 'CreateJobResponseDto']) {
      const props = spec.components.schemas[name]['properties'] as Record<string, Node>;
      expect(props['jobId']).toEqual(expect.objectContaining({ format: 'uuid' }));
    }
    const summary = spec.components.schemas['JobSummaryDto']['properties'] as Record<string, Node>;
    expect(summary['id']).toEqual(expect.objectContaining({ deprecated: true }));
    const legacy = spec.components.schemas['LegacyBackfillResponseDto'];
    expect(legacy['properties']).toHaveProperty('backfillId');
  });

  it('gives every request body and every 2xx response an example', () => {
    for (const [name, op] of operations) {
      const bodies = [
        ...Object.values(op.requestBody?.content ?? {}),
        ...Object.entries(op.responses)
          .filter(([status]) => status.startsWith('2'))
          .flatMap(([, response]) => Object.values(response.content ?? {})),
      ];
      expect({ name, bodies: bodies.length > 0 }).toEqual({ name, bodies: true });
      for (const body of bodies) {
        expect({ name, example: 'example' in body || 'examples' in body }).toEqual({
          name,
          example: true,
        });
      }
    }
  });

  it('sends errors as JSON everywhere, metrics as text and events as a stream', () => {
    for (const [name, op] of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (status.startsWith('2')) continue;
        expect({ name, status, types: Object.keys(response.content ?? {}) }).toEqual({
          name,
          status,
          types: ['application/json'],
        });
      }
    }
    const content = (path: string) =>
      Object.keys(spec.paths[path]['get'].responses['200'].content ?? {});
    expect(content('/metrics')).toEqual(['text/plain']);
    expect(content('/api/admin/backfill/{jobId}/events')).toEqual(['text/event-stream']);
  });

  it('marks the health probes public and everything else bearer-protected', () => {
    for (const [name, op] of operations) {
      const isProbe = name === 'GET /healthz' || name === 'GET /readyz';
      expect({ name, security: op.security }).toEqual({
        name,
        security: isProbe ? [] : [{ bearer: [] }],
      });
    }
  });
});
