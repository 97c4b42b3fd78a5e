/** The three connection settings every service and integration test reads. */
export interface StackSettings {
  KAFKA_BROKERS: string;
  DATABASE_URL: string;
  REDIS_URL: string;
}

export const STACK_KEYS: readonly (keyof StackSettings)[] = [
  'KAFKA_BROKERS',
  'DATABASE_URL',
  'REDIS_URL',
];

export function settingsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): StackSettings | undefined {
  const { KAFKA_BROKERS, DATABASE_URL, REDIS_URL } = env;
  if (KAFKA_BROKERS && DATABASE_URL && REDIS_URL) {
    return { KAFKA_BROKERS, DATABASE_URL, REDIS_URL };
  }
  return undefined;
}

/** Reads `KEY=value` (optionally `export KEY=value`) lines as printed by `deploy/local/stack env`. */
export function parseStackOutput(output: string): StackSettings {
  const values: Record<string, string> = {};
  for (const line of output.split('\n')) {
    const match = /^(?:export\s+)?([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) {
      values[match[1]] = match[2].replace(/^['"]|['"]$/g, '');
    }
  }
  const settings = settingsFromEnv(values);
  if (!settings) {
    const missing = STACK_KEYS.filter((key) => !values[key]);
    throw new Error(`stack output lacks ${missing.join(', ')}`);
  }
  return settings;
}
