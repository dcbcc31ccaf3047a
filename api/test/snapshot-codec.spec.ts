import { makeDistrictSnapshot, makeLargeDistrictSnapshot } from './factories/snapshot.factory';
import {
  decodeStoredSnapshot,
  decodeStoredSnapshotText,
  encodeCompactSnapshot,
  SNAPSHOT_STORAGE_FORMAT,
} from '../src/domain/snapshot-codec';

describe('compact snapshot codec', () => {
  const { snapshot, csvBytes } = makeLargeDistrictSnapshot('61', '2026-03-14', 300);

  it('decodes what it encodes to the same snapshot, field order included', () => {
    const text = encodeCompactSnapshot(snapshot);
    const decoded = decodeStoredSnapshotText(text);
    expect(decoded).toEqual(snapshot);
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(snapshot));
    const small = makeDistrictSnapshot('F', '2026-03-14');
    expect(JSON.stringify(decodeStoredSnapshotText(encodeCompactSnapshot(small)))).toBe(
      JSON.stringify(small),
    );
  });

  it('writes one line with collectionDate first and the format version', () => {
    const text = encodeCompactSnapshot(snapshot);
    expect(text).not.toMatch(/\s"|":\s|,\s"/);
    expect(text.startsWith('{"collectionDate":"2026-03-14","format":2,')).toBe(true);
    expect(SNAPSHOT_STORAGE_FORMAT).toBe(2);
  });

  it('takes fewer bytes than the three CSVs it was built from, a quarter of format 1', () => {
    const compact = Buffer.byteLength(encodeCompactSnapshot(snapshot));
    const format1 = Buffer.byteLength(JSON.stringify(snapshot));
    expect(compact).toBeLessThanOrEqual(csvBytes);
    expect(compact * 4).toBeLessThan(format1);
  });

  it('returns a format-1 document as it is', () => {
    const old = makeDistrictSnapshot('61', '2026-03-14');
    expect(decodeStoredSnapshot(JSON.parse(JSON.stringify(old)))).toEqual(old);
  });

  it('refuses what is neither format instead of guessing', () => {
    const compact = JSON.parse(encodeCompactSnapshot(snapshot)) as Record<string, unknown>;
    expect(decodeStoredSnapshotText('{not json')).toBeUndefined();
    expect(decodeStoredSnapshot(null)).toBeUndefined();
    expect(decodeStoredSnapshot([1, 2])).toBeUndefined();
    expect(decodeStoredSnapshot({ ...compact, format: 3 })).toBeUndefined();
    expect(decodeStoredSnapshot({ ...compact, clubs: { columns: ['a'], rows: [[1, 2]] } })).toBe(
      undefined,
    );
    expect(decodeStoredSnapshot({ ...compact, areas: 'x' })).toBeUndefined();
  });
});
