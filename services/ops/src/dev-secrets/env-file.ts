/**
 * A dev-secrets.env as people edit it: `KEY=value` lines, a value possibly double-quoted over
 * several lines (a PEM pasted as the platform gave it). Values are kept as written (quotes and
 * all), so a hand-written one is written back byte for byte.
 */
export function readEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(lines[i] ?? '');
    if (!match) continue;
    let value = match[2] ?? '';
    if (value.startsWith('"') && !/^".*"\s*$/s.test(value)) {
      // A quoted value continues until a line that closes the quote.
      while (i + 1 < lines.length && !/"\s*$/.test(value)) {
        i += 1;
        value += `\n${lines[i] ?? ''}`;
      }
    }
    if (value.trim() !== '') values.set(match[1] ?? '', value);
  }
  return values;
}

/** `KEY=value` lines, values as given (generated ones are single-line base64/hex). */
export function toEnvFile(env: Record<string, string>): string {
  return `${Object.entries(env)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
}
