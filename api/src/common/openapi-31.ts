import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * The shared enums' descriptions. @nestjs/swagger copies the description of whichever
 * property first mentions an enum onto the enum's schema, so they are set here instead.
 */
export const ENUM_DESCRIPTIONS: Readonly<Record<string, string>> = {
  AdminActionKind: 'What was done to a job by a person or by the system.',
  AllowedRateReason:
    'Why the allowed request rate is where it is: the configured maximum, or lowered after ' +
    'the dashboard pushed back (429) or failed (5xx, timeout) without a Retry-After.',
  ClosingDaysMode:
    'Which closing days a data-collection job downloads: "last", only the last date of its ' +
    'range per month end and district (the others are superseded), or "every" day.',
  ErrorCode: 'Machine-readable error code; the HTTP status says the class of error.',
  ItemOutcome: 'The latest outcome of a finished item.',
  JobOrder:
    'The order in which a job works through its dates: "oldest-first" (the default) or ' +
    '"newest-first", which makes recent history usable first.',
  JobStatus:
    'State of a job: pending, running and recovering are active (at most one job is), ' +
    'paused is stopped until resumed (it holds no lock, is never stale and never recovered ' +
    'on its own), completed, failed and cancelled are terminal.',
  JobType:
    'What a job does: data-collection downloads dashboard reports into snapshots; ' +
    'analytics-generation computes analytics from stored snapshots.',
  LimiterWait:
    'The rule a waiting request waits for: the upstream’s Retry-After, the periodic pause, ' +
    'the 60 s window, the allowed rate, the minimum gap, or a free concurrency slot.',
  SchedulePhase:
    'The step of a schedule tick under way: pausing the job that was running, collecting, ' +
    'analysing what was collected, or resuming the paused job.',
  ScheduleTickOutcome:
    'What a schedule tick did: started its jobs (still under way), skipped (its previous ' +
    'run was still going), completed, or failed.',
  RecoveryOutcome:
    'What the last recovery check did: nothing to do, resumed a job, failed it, or left it ' +
    'to the instance that runs it.',
};

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NULL_SCHEMA = { type: 'null' };

/**
 * Turns the OpenAPI 3.0 document @nestjs/swagger writes into OpenAPI 3.1, whose JSON Schema
 * says "nullable" and "a reference with a description" in ways generators read as plain
 * fields. No decorator option reaches these forms:
 * - `{ allOf: [{ $ref }], description }`, the wrapper @nestjs/swagger puts around every
 *   enum reference and every described reference, becomes `{ $ref, description }`;
 * - `nullable: true` beside `allOf: [{ $ref }]` and `type: object` (which 3.0 validators
 *   read as "object only", and generators as an intersection with an empty object)
 *   becomes `oneOf: [{ $ref }, { type: 'null' }]`; beside `oneOf` it adds the null branch;
 * - `type: T, nullable: true` becomes `type: [T, 'null']`.
 * Fails when an enum has no entry in ENUM_DESCRIPTIONS, so none slips in undocumented.
 */
export function toOpenApi31(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Node>;
  for (const [name, schema] of Object.entries(schemas)) {
    if (!Array.isArray(schema['enum'])) continue;
    const description = ENUM_DESCRIPTIONS[name];
    if (!description) throw new Error(`Enum schema ${name} has no entry in ENUM_DESCRIPTIONS`);
    schema['description'] = description;
  }
  return { ...(visit(document) as OpenAPIObject), openapi: '3.1.0' };
}

function visit(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(visit);
  if (!isNode(value)) return value;
  const node = Object.fromEntries(
    // Examples are data, not schemas: a `nullable` key in one is a value to keep.
    Object.entries(value).map(([k, v]) => [k, k === 'example' || k === 'examples' ? v : visit(v)]),
  );
  const ref = singleRef(node['allOf']);
  const nullable = node['nullable'] === true;
  delete node['nullable'];
  if (ref !== undefined) {
    delete node['allOf'];
    delete node['type'];
    return nullable ? { ...node, oneOf: [{ $ref: ref }, NULL_SCHEMA] } : { $ref: ref, ...node };
  }
  if (!nullable) return node;
  if (Array.isArray(node['oneOf'])) {
    delete node['type'];
    return { ...node, oneOf: [...(node['oneOf'] as unknown[]), NULL_SCHEMA] };
  }
  if (typeof node['type'] !== 'string') {
    throw new Error(`Cannot express nullable ${JSON.stringify(node)} in OpenAPI 3.1`);
  }
  node['type'] = [node['type'], 'null'];
  if (Array.isArray(node['enum'])) node['enum'] = [...(node['enum'] as unknown[]), null];
  return node;
}

/** The target of a one-item `allOf: [{ $ref }]`, the wrapper @nestjs/swagger emits. */
function singleRef(allOf: unknown): string | undefined {
  if (!Array.isArray(allOf) || allOf.length !== 1 || !isNode(allOf[0])) return undefined;
  const ref = allOf[0]['$ref'];
  return typeof ref === 'string' && Object.keys(allOf[0]).length === 1 ? ref : undefined;
}
