/**
 * Freezes a JSON-like value and everything inside it, in place, and returns it. A value
 * already frozen at the top is taken as frozen throughout: everything here freezes whole.
 *
 * Used for the job records a store hands out, so a store may give every reader the same
 * cached object, and a caller that tried to change one fails loudly instead of silently
 * changing what the next reader sees.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}
