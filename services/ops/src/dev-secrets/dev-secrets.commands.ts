import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { Output } from '../output';
import { DEV_SECRET_SETTINGS, generateDevSecrets, missingSettings } from './dev-secrets';
import { mergeDevSecrets } from './dev-secrets-merge';
import { readEnvFile, toEnvFile } from './env-file';

export const DEV_SECRETS_ENV = 'dev-secrets.env';
export const PLATFORM_KEYS_JSON = 'platform-keys.json';
/** Fingerprints (sha256) of the values this command generated: what it may replace. */
export const GENERATED_JSON = 'generated.json';

interface Options {
  dir: string;
  force?: boolean;
  dryRun?: boolean;
}

/**
 * `ops dev-secrets --dir DIR`: local-run secrets, generated once and kept (mode 600), generated
 * again when a setting is missing (or with --force). It never replaces a value it did not
 * generate: an integrator's own key written in dev-secrets.env stays as written.
 */
export function registerDevSecretsCommand(program: Command, output: Output): void {
  program
    .command('dev-secrets')
    .description('generate local-run adapter secrets and the matching platform signing keys')
    .requiredOption('--dir <dir>', 'where to write dev-secrets.env and platform-keys.json')
    .option('--force', 'replace the secrets this command generated (never hand-written ones)')
    .option('--dry-run', 'say whether secrets would be generated; write nothing')
    .action((options: Options) => {
      const files = {
        env: join(options.dir, DEV_SECRETS_ENV),
        keys: join(options.dir, PLATFORM_KEYS_JSON),
        generated: join(options.dir, GENERATED_JSON),
      };
      const envText = existsSync(files.env) ? readFileSync(files.env, 'utf8') : undefined;
      const missing = envText === undefined ? [] : missingSettings(envText, DEV_SECRET_SETTINGS);
      const wouldGenerate =
        envText === undefined || !existsSync(files.keys) || missing.length > 0 || !!options.force;
      const where = { envFile: files.env, keysFile: files.keys };
      if (options.dryRun || !wouldGenerate) {
        const result = { ...where, generated: false, wouldGenerate, missing, handWritten: [] };
        output.result({ ...result, ...(options.dryRun ? { dryRun: true } : {}) }, (r) =>
          r.wouldGenerate
            ? `would write dev secrets to ${options.dir}`
            : `dev secrets kept in ${options.dir}`,
        );
        return;
      }
      const merged = mergeDevSecrets({
        existing: readEnvFile(envText ?? ''),
        generated: readJson(files.generated) ?? {},
        fresh: generateDevSecrets(),
        previousKeys: readJson(files.keys),
        replaceOwn: options.force === true,
      });
      mkdirSync(options.dir, { recursive: true, mode: 0o700 });
      writeFileSync(files.env, toEnvFile(merged.serviceEnv), { mode: 0o600 });
      writeFileSync(files.keys, JSON.stringify(merged.platformKeys, null, 2), { mode: 0o600 });
      writeFileSync(files.generated, JSON.stringify(merged.generated, null, 2), { mode: 0o600 });
      const { handWritten, foreignPlatforms } = merged;
      output.result({ ...where, generated: true, missing, handWritten, foreignPlatforms }, (r) => {
        const kept =
          r.handWritten.length === 0
            ? ''
            : `; kept as written: ${r.handWritten.join(', ')} (simulated ` +
              `${r.foreignPlatforms.join(', ')} traffic will not verify against your own keys)`;
        return `dev secrets written to ${options.dir}${kept}`;
      });
    });
}

function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
