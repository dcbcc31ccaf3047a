/**
 * The error `run` throws, checked to be a `type`, so a test can assert on its fields
 * (`expect(thrownBy(...).row)`), which `toThrow` cannot. Anything else fails the test.
 */
export function thrownBy<E extends Error>(
  type: abstract new (...args: never[]) => E,
  run: () => unknown,
): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected ${type.name} to be thrown`);
}
