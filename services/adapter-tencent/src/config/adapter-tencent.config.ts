import { z } from 'zod';
import {
  AdapterEnvSchema,
  wechatPayApiV3KeySchema,
  wechatPayPlatformKeysSchema,
} from '@donations/adapter-kit';
import { loadConfig } from '@donations/config';

export const AdapterTencentConfigSchema = z.object({
  ...AdapterEnvSchema.shape,
  /** The APIv3 key of the merchant account (exactly 32 bytes): decrypts every `resource`. */
  WECHATPAY_APIV3_KEY: wechatPayApiV3KeySchema,
  /**
   * WeChat Pay platform public keys, `serial=base64(SPKI DER or PEM)` comma-separated: the
   * Wechatpay-Serial of a notification picks the key; several during a rotation.
   */
  WECHATPAY_PLATFORM_KEYS: wechatPayPlatformKeysSchema,
  /** Our merchant id (service provider's in partner mode); when set, others' notifications fail. */
  WECHATPAY_MCHID: z
    .string()
    .regex(/^\d{1,32}$/, 'must be a WeChat Pay merchant id (digits)')
    .optional(),
});

export type AdapterTencentConfig = z.output<typeof AdapterTencentConfigSchema>;

export const loadAdapterTencentConfig = (): AdapterTencentConfig =>
  loadConfig(AdapterTencentConfigSchema);
