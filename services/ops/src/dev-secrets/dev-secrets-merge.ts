import { createHash } from 'node:crypto';
import type { DevSecrets } from './dev-secrets';

type Setting = keyof DevSecrets['serviceEnv'];
type PlatformKeys = DevSecrets['platformKeys'];

/**
 * Settings that must match one entry of the simulator's signing keys (platform-keys.json): they
 * are generated again together or not at all. Other settings stand alone.
 */
const KEY_GROUPS: { keys: keyof PlatformKeys; settings: Setting[] }[] = [
  { keys: 'alipay', settings: ['ALIPAY_APP_ID', 'ALIPAY_PUBLIC_KEYS'] },
  { keys: 'tencent', settings: ['WECHATPAY_APIV3_KEY', 'WECHATPAY_PLATFORM_KEYS'] },
  { keys: 'stripe', settings: ['STRIPE_WEBHOOK_SECRETS'] },
  { keys: 'shuidi', settings: ['SHUIDI_WEBHOOK_SECRETS'] },
  { keys: 'jd', settings: ['JD_WEBHOOK_SECRETS'] },
  { keys: 'statementImportToken', settings: ['STATEMENT_IMPORT_TOKEN'] },
];

/** What identifies a value this command wrote (kept in generated.json; never the value). */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export interface MergeInput {
  /** The settings dev-secrets.env holds now, as written. */
  existing: ReadonlyMap<string, string>;
  /** generated.json: fingerprints of the values this command generated. */
  generated: Partial<Record<string, string>>;
  fresh: DevSecrets;
  previousKeys: PlatformKeys | undefined;
  /** Replace the values this command generated (`--force`); hand-written ones stay regardless. */
  replaceOwn: boolean;
}

export interface MergedSecrets {
  serviceEnv: Record<Setting, string>;
  platformKeys: PlatformKeys;
  generated: Partial<Record<Setting, string>>;
  /** Settings kept because a person wrote them (not a value this command generated). */
  handWritten: Setting[];
  /** Platforms with hand-written settings: the simulator's keys for them may not match. */
  foreignPlatforms: (keyof PlatformKeys)[];
}

/**
 * Fresh secrets merged into a dev-secrets.env: a missing setting is filled; a value this command
 * generated is replaced only with `replaceOwn` (and with the rest of its key group); a value a
 * person wrote (an integrator's sandbox key) is never replaced. Keys the simulator signs with
 * stay those of the kept values when it has them.
 */
export function mergeDevSecrets(input: MergeInput): MergedSecrets {
  const { existing, generated, fresh, previousKeys, replaceOwn } = input;
  const handWritten = (Object.keys(fresh.serviceEnv) as Setting[]).filter((setting) => {
    const value = existing.get(setting);
    return value !== undefined && generated[setting] !== fingerprint(value);
  });
  const renew = new Set<Setting>();
  const platformKeys = { ...(previousKeys ?? fresh.platformKeys) };
  const grouped = new Set<Setting>();
  for (const group of KEY_GROUPS) {
    group.settings.forEach((setting) => grouped.add(setting));
    const missing = group.settings.filter((setting) => !existing.has(setting));
    const foreign = group.settings.some((setting) => handWritten.includes(setting));
    const whole = !foreign && (replaceOwn || missing.length > 0 || previousKeys === undefined);
    (whole ? group.settings : missing).forEach((setting) => renew.add(setting));
    if (whole) Object.assign(platformKeys, { [group.keys]: fresh.platformKeys[group.keys] });
  }
  for (const setting of Object.keys(fresh.serviceEnv) as Setting[]) {
    if (grouped.has(setting) || handWritten.includes(setting)) continue;
    if (replaceOwn || !existing.has(setting)) renew.add(setting);
  }
  const serviceEnv = { ...fresh.serviceEnv };
  const fingerprints: Partial<Record<Setting, string>> = {};
  for (const setting of Object.keys(fresh.serviceEnv) as Setting[]) {
    if (!renew.has(setting)) serviceEnv[setting] = existing.get(setting) ?? serviceEnv[setting];
    if (!handWritten.includes(setting)) fingerprints[setting] = fingerprint(serviceEnv[setting]);
  }
  const foreignPlatforms = KEY_GROUPS.filter((group) =>
    group.settings.some((setting) => handWritten.includes(setting)),
  ).map((group) => group.keys);
  return { serviceEnv, platformKeys, generated: fingerprints, handWritten, foreignPlatforms };
}
