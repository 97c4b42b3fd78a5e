import { z } from 'zod';
import { ConfigError } from './config.errors';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Validates the environment against a service's schema and returns the typed config.
 * Fails fast with every bad key listed, so one boot shows all that is wrong.
 * This module is the only reader of `process.env`.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Env = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.map(String).join('.') || '(root)';
    return `${key}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** The whole environment, for the few places (stack discovery, CLIs) that pass it on. */
export function currentEnv(): Env {
  return process.env;
}
