/**
 * A PostgreSQL array literal of values that need no quoting: numbers, decimal strings, UUIDs,
 * enum codes, ISO timestamps, ids the contract restricts to letters and digits, Kafka topic
 * names. pg would quote and escape every element (two regex replaces each); these are joined as
 * they are. Only for values whose contract guarantees it: never text a sender chooses freely.
 * null is NULL.
 */
export function plainArray(values: readonly (string | number | null)[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : value)).join(',')}}`;
}

const NEEDS_ESCAPE = /["\\]/;
const TO_ESCAPE = /["\\]/g;

/**
 * A PostgreSQL array literal of any text (free ids, JSON documents): every element quoted, `"`
 * and `\` escaped, as pg escapes them, but tested once per element instead of replaced twice.
 * null is NULL.
 */
export function textArray(values: readonly (string | null)[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? null;
    if (i > 0) literal += ',';
    if (value === null) literal += 'NULL';
    else literal += `"${NEEDS_ESCAPE.test(value) ? value.replace(TO_ESCAPE, '\\$&') : value}"`;
  }
  return `${literal}}`;
}
