import type { KeyObject } from 'node:crypto';
import { Rsa } from 'wechatpay-axios-plugin';
import { z } from 'zod';

/** Platform public keys by Wechatpay-Serial (a certificate serial or a `PUB_KEY_ID_...`). */
export type WechatPayPlatformKeys = ReadonlyMap<string, KeyObject>;

/** The APIv3 key a merchant sets in the WeChat Pay console: 32 bytes, the AES-256-GCM key. */
export const wechatPayApiV3KeySchema = z
  .string()
  .refine((value) => Buffer.byteLength(value, 'utf8') === 32, 'must be exactly 32 bytes');

/**
 * `serial=key,serial=key,...`: several during a rotation. Each key is the PEM as the platform gives
 * it (a PUBLIC KEY or the platform CERTIFICATE, newlines real or `\n`-escaped), or base64 of SPKI
 * DER, or base64 of that PEM. Boot fails, listing
 * every bad pair by position and serial, never by key material.
 */
export const wechatPayPlatformKeysSchema = z
  .string()
  .min(1)
  .transform((value, ctx): WechatPayPlatformKeys => {
    const keys = new Map<string, KeyObject>();
    const pairs = value.split(',').map((pair) => pair.trim());
    pairs.forEach((pair, index) => {
      const problem = addPlatformKey(keys, pair);
      if (problem)
        ctx.issues.push({ code: 'custom', message: `pair ${index + 1}: ${problem}`, input: value });
    });
    return keys;
  });

/** Adds one `serial=base64` pair to `keys`; returns what is wrong with it, if anything. */
function addPlatformKey(keys: Map<string, KeyObject>, pair: string): string | undefined {
  const separator = pair.indexOf('=');
  const serial = separator > 0 ? pair.slice(0, separator).trim() : '';
  const encoded = pair.slice(separator + 1).trim();
  if (!serial || !encoded) return 'expected serial=base64(key)';
  if (!/^[\w-]{1,64}$/.test(serial)) return 'serial must be 1-64 letters, digits, _ or -';
  if (keys.has(serial)) return `serial ${serial} is listed twice`;
  const key = loadPublicKey(encoded);
  if (!key) return `serial ${serial}: not an RSA public key (PEM, or base64 of SPKI DER or PEM)`;
  keys.set(serial, key);
  return undefined;
}

function loadPublicKey(encoded: string): KeyObject | undefined {
  // A PEM as the merchant platform hands it out (pub_key.pem), newlines real or `\n`-escaped.
  const pem = encoded.startsWith('-----BEGIN ') ? encoded.replace(/\\n/g, '\n') : undefined;
  if (pem === undefined && !z.base64().safeParse(encoded).success) return undefined;
  try {
    const text = pem ?? Buffer.from(encoded, 'base64').toString('utf8').trim();
    // createPublicKey would derive a public key from a private one: refuse the mistake instead.
    if (text.includes('PRIVATE KEY')) return undefined;
    const key = text.startsWith('-----BEGIN ') ? Rsa.from(text, 'public') : Rsa.fromSpki(encoded);
    return key.type === 'public' && key.asymmetricKeyType === 'rsa' ? key : undefined;
  } catch {
    return undefined;
  }
}
