/** Numbered districts by number (`01` < `2` < `10`), then the lettered ones (`F`, `U`). */
export function compareDistrictIds(a: string, b: string): number {
  const numbered = /^\d+$/;
  const aNumbered = numbered.test(a);
  const bNumbered = numbered.test(b);
  if (aNumbered && bNumbered) return Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0);
  if (aNumbered !== bNumbered) return aNumbered ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
