import { z } from 'zod';
import { ConfigError } from './config.errors';
import { connectionSecurityProblems } from './connection-security.config';
import { resolveSettingFiles } from './setting-files';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Validates the environment against a service's schema and returns the typed config.
 * Fails fast with every bad key listed, so one boot shows all that is wrong: a value the schema
 * refuses, an `X_FILE` that cannot be read or duplicates X, settings that do not go together.
 * This module is the only reader of `process.env`.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Env = process.env): z.output<S> {
  const knows = knownKeys(schema);
  const files = resolveSettingFiles(env, knows);
  const result = schema.safeParse(files.env);
  const problems = [
    ...files.problems,
    ...(result.success ? [] : result.error.issues).map((issue) => {
      const key = issue.path.map(String).join('.') || '(root)';
      return `${key}: ${issue.message}`;
    }),
    ...connectionSecurityProblems(files.env, knows),
  ];
  if (result.success && problems.length === 0) {
    return result.data;
  }
  throw new ConfigError(problems);
}

/** Which keys a schema reads: an object's own keys (other schemas get no files, no rules). */
function knownKeys(schema: z.ZodType): (key: string) => boolean {
  if (schema instanceof z.ZodObject) {
    const keys = new Set(Object.keys(schema.shape));
    return (key) => keys.has(key);
  }
  return () => false;
}

/** The whole environment, for the few places (stack discovery, CLIs) that pass it on. */
export function currentEnv(): Env {
  return process.env;
}
