/**
 * Club numbers, unique across all districts: a bijective bit mix of (district ordinal, slot)
 * keeps them unique while looking arbitrary. Old clubs get 4-6 digit numbers, newer ones 7-8
 * digits, like the real registry; the two ranges cannot overlap.
 */

const OLD_BITS = 17;
const NEW_BITS = 24;
const OLD_OFFSET = 1_000;
const NEW_OFFSET = 1_000_000;
/** Clubs chartered before this year get a number from the old (short) range. */
const NEW_NUMBERING_FROM_YEAR = 2000;
const SLOTS_PER_DISTRICT = 256;

/** Invertible on [0, 2^bits): odd multiplications and xor-shifts are bijections mod 2^bits. */
function permute(value: number, bits: number): number {
  const mask = (1 << bits) - 1;
  const half = bits >>> 1;
  let x = value & mask;
  x = Math.imul(x, 0x2c1b3c6d) & mask;
  x ^= x >>> half;
  x = Math.imul(x, 0x297a2d39) & mask;
  x ^= x >>> half;
  return x >>> 0;
}

export function clubNumber(districtOrdinal: number, slot: number, charterYear: number): number {
  if (slot >= SLOTS_PER_DISTRICT) {
    throw new RangeError(`Club slot ${slot} out of range`);
  }
  const key = districtOrdinal * SLOTS_PER_DISTRICT + slot;
  return charterYear < NEW_NUMBERING_FROM_YEAR
    ? OLD_OFFSET + permute(key, OLD_BITS)
    : NEW_OFFSET + permute(key, NEW_BITS);
}
