/**
 * @backfill/sdk: a framework-free client of the Unified Backfill Service for Node 20+ and
 * browsers. The types come from `./generated/schema` (openapi-typescript over the committed
 * openapi.json); everything in this folder besides `generated/` is hand-written and small.
 */
export { type BackfillClient, type BackfillClientOptions, createBackfillClient } from './client';
export { BackfillApiError, type BackfillErrorCode } from './errors';
export type { components, operations, paths } from './generated/schema';
export * from './types';
export type { WatchJobOptions } from './watch';
