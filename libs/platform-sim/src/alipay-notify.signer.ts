import { createSign, KeyObject } from 'node:crypto';

/** Alipay's sign types: `RSA2` is SHA256withRSA; `RSA` the legacy SHA1withRSA. */
export type AlipaySignType = 'RSA2' | 'RSA';

export interface AlipaySignOptions {
  /** Alipay's private key (the one whose public half the merchant configures): PEM or KeyObject. */
  privateKey: KeyObject | string;
  signType?: AlipaySignType;
}

/**
 * The string Alipay signs: every parameter but sign and sign_type, sorted by name, `k=v` with
 * raw (unencoded) values, joined by `&`.
 */
export function alipaySignContent(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((name) => name !== 'sign' && name !== 'sign_type')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&');
}

/**
 * An async notify body as Alipay posts it: the parameters plus sign_type and sign (base64
 * SHA256withRSA over alipaySignContent, SHA1withRSA for `RSA`), application/x-www-form-urlencoded
 * in utf-8.
 */
export function alipaySignedForm(
  params: Readonly<Record<string, string>>,
  { privateKey, signType = 'RSA2' }: AlipaySignOptions,
): Buffer {
  const sign = createSign(signType === 'RSA2' ? 'RSA-SHA256' : 'RSA-SHA1')
    .update(alipaySignContent(params), 'utf8')
    .sign(privateKey, 'base64');
  return Buffer.from(new URLSearchParams({ ...params, sign_type: signType, sign }).toString());
}

/** The content type Alipay posts notifies with. */
export const ALIPAY_NOTIFY_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';
