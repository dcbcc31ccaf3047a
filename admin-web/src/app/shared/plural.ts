/** English plural categories; 'en' has only `one` and `other`. */
const rules = new Intl.PluralRules('en');

/**
 * A count with its noun in the right form: `countOf(1, 'district')` is "1 district",
 * `countOf(2, 'district')` "2 districts". Irregular plurals are passed as `other`.
 */
export function countOf(count: number, one: string, other = `${one}s`): string {
  return `${count} ${rules.select(count) === 'one' ? one : other}`;
}
