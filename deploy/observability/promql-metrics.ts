/**
 * The metric names a PromQL expression reads: enough of PromQL to check that a dashboard and
 * alert rules name only series the services export. String literals, label matchers `{...}`,
 * ranges and subqueries `[...]`, `offset`/`@` modifiers and the label lists of `by`, `without`,
 * `on`, `ignoring`, `group_left` and `group_right` are dropped; of what is left, an identifier is
 * a metric name unless it is a keyword or an aggregation, or a function (followed by `(`).
 */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'sum',
  'min',
  'max',
  'avg',
  'count',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'quantile',
  'count_values',
  'group',
  'limitk',
  'limit_ratio',
  'inf',
  'nan',
]);

export function metricNames(expression: string): string[] {
  const stripped = expression
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\boffset\s+-?[0-9a-z]+/gi, ' ')
    .replace(/@\s*(?:start\(\)|end\(\)|[0-9.]+)/g, ' ')
    // Numbers (1e3, 0.99, 0x1F) before identifiers, so that their letters are not taken for one.
    .replace(/\b(?:0x[0-9a-f]+|[0-9]+(?:\.[0-9]*)?(?:e[+-]?[0-9]+)?)\b/gi, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*(\s*\()?/g)) {
    const name = match[0].replace(/\s*\($/, '');
    const isFunction = match[1] !== undefined;
    if (!isFunction && !KEYWORDS.has(name.toLowerCase())) names.add(name);
  }
  return [...names];
}

/** The `# TYPE` of every metric family in a Prometheus text exposition. */
export function exposedTypes(exposition: string): Map<string, string> {
  const types = new Map<string, string>();
  for (const match of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    types.set(match[1], match[2]);
  }
  return types;
}

/**
 * Whether `name` is a series of the exposition: a family itself, or the _bucket, _sum or _count
 * series of a histogram (_sum or _count of a summary).
 */
export function isExposed(name: string, types: ReadonlyMap<string, string>): boolean {
  if (types.has(name)) return true;
  const series = /^(.*)_(bucket|sum|count)$/.exec(name);
  if (series === null) return false;
  const type = types.get(series[1]);
  return type === 'histogram' || (type === 'summary' && series[2] !== 'bucket');
}
