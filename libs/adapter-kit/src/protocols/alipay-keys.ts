import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { z } from 'zod';
import { commaList } from '@donations/config';

/**
 * Alipay keys as the open platform hands them out: one line of base64 (DER), or PEM with its
 * BEGIN/END lines (real or `\n`-escaped newlines). Both RSA; anything else fails at boot.
 */
const ARMOUR = /-----(BEGIN|END) [A-Z ]+-----/g;

function derOf(key: string): Buffer {
  const body = key.replace(ARMOUR, '').replace(/\\n/g, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    throw new Error('key is not base64 or PEM');
  }
  return Buffer.from(body, 'base64');
}

function firstKey(attempts: readonly (() => KeyObject)[]): KeyObject | undefined {
  for (const attempt of attempts) {
    try {
      const key = attempt();
      if (key.asymmetricKeyType === 'rsa') return key;
    } catch {
      // try the next encoding
    }
  }
  return undefined;
}

/** An Alipay public key (SPKI, or PKCS#1) as single-line base64 SPKI DER, the SDK's input. */
export function normaliseAlipayPublicKey(key: string): string {
  const der = derOf(key);
  const parsed = firstKey([
    () => createPublicKey({ key: der, format: 'der', type: 'spki' }),
    () => createPublicKey({ key: der, format: 'der', type: 'pkcs1' }),
  ]);
  if (!parsed) throw new Error('not an RSA public key (SPKI or PKCS#1)');
  return parsed.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** The merchant app private key (PKCS#1 or PKCS#8) as single-line base64 PKCS#8 DER. */
export function normaliseAppPrivateKey(key: string): string {
  const der = derOf(key);
  const parsed = firstKey([
    () => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }),
    () => createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }),
  ]);
  if (!parsed) throw new Error('not an RSA private key (PKCS#1 or PKCS#8)');
  return parsed.export({ type: 'pkcs8', format: 'der' }).toString('base64');
}

function keySchema(normalise: (key: string) => string, message: string) {
  return z.string().transform((value, ctx) => {
    try {
      return normalise(value);
    } catch {
      // The message never repeats the value: keys stay out of logs and boot errors.
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
  });
}

/** Env: comma-separated Alipay public keys (several during rotation), normalised. */
export const alipayPublicKeyList = commaList().pipe(
  z.array(keySchema(normaliseAlipayPublicKey, 'not an RSA public key (base64 or PEM)')),
);

/** Env: the merchant app private key the SDK requires, normalised. */
export const alipayAppPrivateKey = keySchema(
  normaliseAppPrivateKey,
  'not an RSA private key (PKCS#1 or PKCS#8, base64 or PEM)',
);
