import { createPrivateKey, KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** platform-keys.json as `ops dev-secrets` writes it: what the platforms sign with. */
const PlatformKeysFileSchema = z.object({
  alipay: z.object({ appId: z.string().min(1), privateKeyPem: z.string().min(1) }),
  tencent: z.object({
    serial: z.string().min(1),
    privateKeyPem: z.string().min(1),
    apiV3Key: z.string().length(32),
    mchid: z.string().min(1),
  }),
  stripe: z.object({ secret: z.string().min(1) }),
  shuidi: z.object({ secret: z.string().min(1) }),
  jd: z.object({ secret: z.string().min(1) }),
});

export interface PlatformKeys {
  alipay: { appId: string; privateKey: KeyObject };
  tencent: { serial: string; privateKey: KeyObject; apiV3Key: string; mchid: string };
  stripe: { secret: string };
  shuidi: { secret: string };
  jd: { secret: string };
}

export const PLATFORM_KEYS_FILE = 'platform-keys.json';

/**
 * Reads `<dir>/platform-keys.json`. Errors name the file and the bad fields, never a key.
 */
export async function loadPlatformKeys(dir: string): Promise<PlatformKeys> {
  const file = join(dir, PLATFORM_KEYS_FILE);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      `cannot read ${file} (${error.code ?? 'error'}): run \`ops dev-secrets --dir ${dir}\` first`,
    );
  });
  const parsed = PlatformKeysFileSchema.safeParse(parseJson(text, file));
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`${file} is not a platform-keys file (bad: ${fields})`);
  }
  const { alipay, tencent, stripe, shuidi, jd } = parsed.data;
  return {
    alipay: { appId: alipay.appId, privateKey: createPrivateKey(alipay.privateKeyPem) },
    tencent: {
      serial: tencent.serial,
      privateKey: createPrivateKey(tencent.privateKeyPem),
      apiV3Key: tencent.apiV3Key,
      mchid: tencent.mchid,
    },
    stripe,
    shuidi,
    jd,
  };
}

/** JSON.parse's own message quotes the text: this one does not. */
function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${file} is not JSON`);
  }
}
