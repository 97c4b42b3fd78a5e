import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { buildProgram } from '../program';
import { readEnvFile } from './env-file';

/** `ops --json dev-secrets --dir <dir> ...`, in-process: its JSON result. */
async function devSecrets(dir: string, ...args: string[]): Promise<Record<string, unknown>> {
  let stdout = '';
  const { program } = buildProgram(undefined, (text) => (stdout += text));
  program.exitOverride();
  await program.parseAsync(['node', 'ops', '--json', 'dev-secrets', '--dir', dir, ...args]);
  return JSON.parse(stdout) as Record<string, unknown>;
}

const envOf = (dir: string) => readEnvFile(readFileSync(join(dir, 'dev-secrets.env'), 'utf8'));
const keysOf = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'platform-keys.json'), 'utf8')) as Record<string, unknown>;

/** A PEM as the Alipay open platform gives it, pasted in quotes over several lines. */
const ownPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString()
  .trim();

describe('ops dev-secrets', () => {
  it('keeps what it wrote when nothing is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-secrets-'));
    expect(await devSecrets(dir)).toMatchObject({ generated: true, handWritten: [] });
    const before = readFileSync(join(dir, 'dev-secrets.env'), 'utf8');
    expect(await devSecrets(dir)).toMatchObject({ generated: false });
    expect(readFileSync(join(dir, 'dev-secrets.env'), 'utf8')).toBe(before);
  });

  it('never replaces a hand-written key, even with --force; replaces its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-secrets-'));
    await devSecrets(dir);
    const first = envOf(dir);
    const firstKeys = keysOf(dir);
    const file = join(dir, 'dev-secrets.env');
    const edited = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('OPERATOR_TOKEN='))
      .map((line) => {
        if (line.startsWith('SHUIDI_WEBHOOK_SECRETS='))
          return 'SHUIDI_WEBHOOK_SECRETS=whsec_bXlPd25TYW5kYm94U2VjcmV0';
        if (line.startsWith('ALIPAY_PUBLIC_KEYS=')) return `ALIPAY_PUBLIC_KEYS="${ownPem}"`;
        return line;
      })
      .join('\n');
    writeFileSync(file, edited);

    // OPERATOR_TOKEN is missing: filled in, the hand-written keys and every other kept value stay.
    expect(await devSecrets(dir)).toMatchObject({
      generated: true,
      missing: ['OPERATOR_TOKEN'],
      handWritten: ['ALIPAY_PUBLIC_KEYS', 'SHUIDI_WEBHOOK_SECRETS'],
    });
    const filled = envOf(dir);
    expect(filled.get('SHUIDI_WEBHOOK_SECRETS')).toBe('whsec_bXlPd25TYW5kYm94U2VjcmV0');
    expect(filled.get('ALIPAY_PUBLIC_KEYS')).toBe(`"${ownPem}"`);
    expect(filled.get('OPERATOR_TOKEN')).toMatch(/^[0-9a-f]{48}$/);
    expect(filled.get('DONOR_HASH_KEY')).toBe(first.get('DONOR_HASH_KEY'));
    expect(keysOf(dir)).toEqual(firstKeys);

    // --force renews what it generated itself, and still not the hand-written keys.
    expect(await devSecrets(dir, '--force')).toMatchObject({
      generated: true,
      handWritten: ['ALIPAY_PUBLIC_KEYS', 'SHUIDI_WEBHOOK_SECRETS'],
      foreignPlatforms: ['alipay', 'shuidi'],
    });
    const forced = envOf(dir);
    expect(forced.get('SHUIDI_WEBHOOK_SECRETS')).toBe('whsec_bXlPd25TYW5kYm94U2VjcmV0');
    expect(forced.get('ALIPAY_PUBLIC_KEYS')).toBe(`"${ownPem}"`);
    expect(forced.get('DONOR_HASH_KEY')).not.toBe(first.get('DONOR_HASH_KEY'));
    expect(forced.get('JD_WEBHOOK_SECRETS')).not.toBe(first.get('JD_WEBHOOK_SECRETS'));
    // The simulator's JD key moved with the JD secret; its shuidi key is the one it had.
    expect(keysOf(dir)).toMatchObject({
      jd: { secret: forced.get('JD_WEBHOOK_SECRETS') },
      shuidi: firstKeys.shuidi,
    });
  });
});
