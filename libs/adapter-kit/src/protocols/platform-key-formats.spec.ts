import { generateKeyPairSync } from 'node:crypto';
import { alipayAppPrivateKey, alipayPublicKeyList } from './alipay-keys';
import { wechatPayPlatformKeysSchema } from './wechatpay-keys';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString().trim();
const der = rsa.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const privatePem = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString().trim();

/**
 * The key settings as an integrator pastes them (README "Configuration"): the PEM file the
 * platform hands out, as it comes (real newlines, as a quoted multi-line value in an env file
 * gives it, or `\n`-escaped on one line), and base64 DER on one line as before.
 */
describe('key settings: a PEM as the platform gives it, or base64 DER', () => {
  it('WECHATPAY_PLATFORM_KEYS reads serial=<PEM>, newlines real or escaped, beside base64 DER', () => {
    const value = [
      `PUB_KEY_ID_0114232134912410000=${pem}`,
      `PUB_KEY_ID_0114232134912410001=${pem.replace(/\n/g, '\\n')}`,
      `PUB_KEY_ID_0114232134912410002=${der}`,
    ].join(',');
    const keys = wechatPayPlatformKeysSchema.parse(value);
    expect(keys.size).toBe(3);
    for (const key of keys.values()) expect(key.equals(rsa.publicKey)).toBe(true);
  });

  it('WECHATPAY_PLATFORM_KEYS refuses a private key pasted by mistake, naming no key material', () => {
    const result = wechatPayPlatformKeysSchema.safeParse(`PUB_KEY_ID_1=${privatePem}`);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain(privatePem.slice(40, 80));
  });

  it('ALIPAY_PUBLIC_KEYS and ALIPAY_APP_PRIVATE_KEY read the PEM as downloaded, and base64 DER', () => {
    expect(alipayPublicKeyList.parse(pem)).toEqual([der]);
    expect(alipayPublicKeyList.parse(`${der},${pem.replace(/\n/g, '\\n')}`)).toEqual([der, der]);
    const pkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    expect(alipayAppPrivateKey.parse(privatePem)).toBe(pkcs8);
  });
});
