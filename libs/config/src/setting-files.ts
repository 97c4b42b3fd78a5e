import { readFileSync } from 'node:fs';
import type { Env } from './load-config';

const FILE_SUFFIX = '_FILE';

export interface ResolvedSettings {
  /** The environment with each `X_FILE` read into `X` (and `X_FILE` itself left out). */
  readonly env: Env;
  /** `X: ...` for each setting given twice and each file that could not be read. */
  readonly problems: string[];
}

export type ReadFile = (path: string) => string;

const readText: ReadFile = (path) => readFileSync(path, 'utf8');

/**
 * Every setting X a schema knows may come as X_FILE, a path read here (container platforms
 * mount secrets as files). Trailing line breaks are dropped: `echo secret > file` and an editor's
 * last newline are not part of a password (PEM text parses the same either way). Values are
 * never put in a problem, only keys and paths.
 */
export function resolveSettingFiles(
  env: Env,
  knows: (key: string) => boolean,
  read: ReadFile = readText,
): ResolvedSettings {
  const resolved: Record<string, string | undefined> = { ...env };
  const problems: string[] = [];
  for (const [fileKey, path] of Object.entries(env)) {
    if (!fileKey.endsWith(FILE_SUFFIX)) continue;
    const key = fileKey.slice(0, -FILE_SUFFIX.length);
    if (!knows(key) || knows(fileKey)) continue;
    delete resolved[fileKey];
    // Empty counts as unset, as compose passes `${X_FILE:-}`.
    if (path === undefined || path === '') continue;
    if ((env[key] ?? '') !== '') {
      problems.push(`${key}: set both as ${key} and as ${fileKey}; give one`);
      continue;
    }
    try {
      resolved[key] = read(path).replace(/(\r?\n)+$/, '');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      problems.push(`${fileKey}: cannot read ${path} (${reason})`);
    }
  }
  return { env: resolved, problems };
}
