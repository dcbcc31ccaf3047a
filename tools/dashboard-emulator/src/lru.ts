/** A size-bounded cache: generated data is cached per key without letting memory grow unbounded. */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError('LruCache capacity must be a positive integer');
    }
  }

  get size(): number {
    return this.entries.size;
  }

  getOrCreate(key: K, create: () => V): V {
    const existing = this.entries.get(key);
    if (existing !== undefined) {
      // Re-inserting moves the key to the back of the Map's insertion order (most recent).
      this.entries.delete(key);
      this.entries.set(key, existing);
      return existing;
    }
    const value = create();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) {
        this.entries.delete(oldest.value);
      }
    }
    return value;
  }
}
