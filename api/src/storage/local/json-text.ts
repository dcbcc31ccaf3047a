/**
 * JSON read back from the data directory. A file torn by a power loss or edited by hand
 * must read as "unreadable", never throw through a store, so parsing failures are values.
 */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
