/**
 * A PostgreSQL array literal of values that need no quoting: numbers, decimal strings, UUIDs,
 * enum codes, ISO timestamps, ids the contract restricts to letters and digits. pg would quote
 * and escape every element (two regex replaces each); these are joined as they are. Only for
 * values whose contract guarantees it: never text a sender chooses freely. null is NULL.
 */
export function plainArray(values: readonly (string | number | null)[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : value)).join(',')}}`;
}
