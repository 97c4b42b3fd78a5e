import { z } from 'zod';
import { AdapterEnvSchema, alipayAppPrivateKey, alipayPublicKeyList } from '@donations/adapter-kit';
import { loadConfig } from '@donations/config';

export const AdapterAlipayConfigSchema = z.object({
  ...AdapterEnvSchema.shape,
  /** The merchant app's APPID (16 digits): notifies for another app are refused. */
  ALIPAY_APP_ID: z.string().regex(/^\d{16}$/, 'expected the 16-digit Alipay APPID'),
  /** The app private key (PKCS#1 or PKCS#8, base64 or PEM); alipay-sdk requires it. */
  ALIPAY_APP_PRIVATE_KEY: alipayAppPrivateKey,
  /** 支付宝公钥, comma-separated (base64 or PEM); every one verifies, for key rotation. */
  ALIPAY_PUBLIC_KEYS: alipayPublicKeyList,
});

export type AdapterAlipayConfig = z.output<typeof AdapterAlipayConfigSchema>;

export const loadAdapterAlipayConfig = (): AdapterAlipayConfig =>
  loadConfig(AdapterAlipayConfigSchema);
