import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { Output } from '../output';
import { DEV_SECRET_SETTINGS, generateDevSecrets, missingSettings, toEnvFile } from './dev-secrets';

export const DEV_SECRETS_ENV = 'dev-secrets.env';
export const PLATFORM_KEYS_JSON = 'platform-keys.json';

/**
 * `ops dev-secrets --dir DIR`: local-run secrets, generated once and kept (mode 600), and generated
 * again when the kept ones lack a setting.
 */
export function registerDevSecretsCommand(program: Command, output: Output): void {
  program
    .command('dev-secrets')
    .description('generate local-run adapter secrets and the matching platform signing keys')
    .requiredOption('--dir <dir>', 'where to write dev-secrets.env and platform-keys.json')
    .option('--force', 'replace existing secrets')
    .option('--dry-run', 'say whether secrets would be generated; write nothing')
    .action((options: { dir: string; force?: boolean; dryRun?: boolean }) => {
      const envFile = join(options.dir, DEV_SECRETS_ENV);
      const keysFile = join(options.dir, PLATFORM_KEYS_JSON);
      const exists = existsSync(envFile) && existsSync(keysFile);
      // Kept secrets that lack a setting added since are replaced whole: the platform keys and
      // the adapters' secrets must stay a matching set.
      const missing = exists
        ? missingSettings(readFileSync(envFile, 'utf8'), DEV_SECRET_SETTINGS)
        : [];
      const generated = !exists || missing.length > 0 || Boolean(options.force);
      if (options.dryRun) {
        output.result(
          { envFile, keysFile, wouldGenerate: generated, missing, dryRun: true },
          (r) =>
            r.wouldGenerate
              ? `would write dev secrets to ${options.dir}`
              : `dev secrets kept in ${options.dir}`,
        );
        return;
      }
      if (generated) {
        const secrets = generateDevSecrets();
        mkdirSync(options.dir, { recursive: true, mode: 0o700 });
        writeFileSync(envFile, toEnvFile(secrets.serviceEnv), { mode: 0o600 });
        writeFileSync(keysFile, JSON.stringify(secrets.platformKeys, null, 2), { mode: 0o600 });
      }
      output.result({ envFile, keysFile, generated, missing }, (r) => {
        if (!r.generated) return `dev secrets kept in ${options.dir}`;
        const why = r.missing.length > 0 ? ` (the kept ones lacked ${r.missing.join(', ')})` : '';
        return `dev secrets written to ${options.dir}${why}`;
      });
    });
}
