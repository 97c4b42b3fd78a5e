import { KeyObject, verify } from 'node:crypto';
import { Aes } from 'wechatpay-axios-plugin';
import { z } from 'zod';
import { WebhookError } from '../pipeline/webhook.errors';

/** The only `resource.algorithm` WeChat Pay API v3 uses. */
export const WECHATPAY_RESOURCE_ALGORITHM = 'AEAD_AES_256_GCM';
const GCM_TAG_BYTES = 16;

/** A notification's `resource`, as sent (encrypted). */
export interface WechatPayEncryptedResource {
  algorithm: string;
  ciphertext: string;
  nonce: string;
  associated_data?: string;
}

/**
 * SHA256withRSA over `timestamp\nnonce\nbody\n`, on the body's raw bytes. The SDK's
 * `Formatter.response` and `Rsa.verify` take the body as a string: decoding and re-encoding it
 * would let a body whose bytes differ (an invalid UTF-8 byte for U+FFFD) pass a signature made
 * for other bytes. So the message is built from the bytes here, and node:crypto verifies it.
 */
export function verifyWechatPaySignature(
  parts: { timestamp: string; nonce: string; body: Buffer },
  signatureBase64: string,
  publicKey: KeyObject,
): boolean {
  const message = Buffer.concat([
    Buffer.from(`${parts.timestamp}\n${parts.nonce}\n`, 'utf8'),
    parts.body,
    Buffer.from('\n', 'utf8'),
  ]);
  try {
    return verify('sha256', message, publicKey, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Decrypts a resource with the APIv3 key: AES-256-GCM, IV = `nonce`, AAD = `associated_data`,
 * tag = the last 16 bytes of the base64-decoded ciphertext (the SDK's `Aes.AesGcm.decrypt`).
 * The SDK would accept a shorter tag; anything but a full 16-byte tag is refused first.
 */
export function decryptWechatPayResource(
  resource: WechatPayEncryptedResource,
  apiV3Key: Buffer,
): string {
  if (resource.algorithm !== WECHATPAY_RESOURCE_ALGORITHM) {
    throw decryptionFailed(`resource.algorithm is not ${WECHATPAY_RESOURCE_ALGORITHM}`);
  }
  if (!z.base64().safeParse(resource.ciphertext).success) {
    throw decryptionFailed('resource.ciphertext is not base64');
  }
  if (Buffer.byteLength(resource.ciphertext, 'base64') <= GCM_TAG_BYTES) {
    throw decryptionFailed('resource.ciphertext is shorter than its 16-byte tag');
  }
  try {
    return Aes.AesGcm.decrypt(
      resource.ciphertext,
      apiV3Key,
      resource.nonce,
      resource.associated_data ?? '',
    );
  } catch {
    throw decryptionFailed('resource does not decrypt and authenticate with the APIv3 key');
  }
}

function decryptionFailed(message: string): WebhookError {
  return new WebhookError('WEBHOOK.DECRYPTION_FAILED', message);
}
