import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';
import { AlipayNotifySchema } from './dto/alipay-notify.dto';

/** The form fields as OpenAPI 3.0, generated from the zod DTO so the two cannot drift. */
export const ALIPAY_NOTIFY_BODY_SCHEMA = z.toJSONSchema(
  AlipayNotifySchema.extend({
    sign: z.string().describe('base64 SHA256withRSA by Alipay over the sorted other parameters'),
    sign_type: z.literal('RSA2'),
  }),
  { target: 'openapi-3.0', io: 'input' },
) as SchemaObject;

/** Alipay stops retrying on exactly this body. */
export const ALIPAY_SUCCESS_CONTENT = {
  'text/plain': { schema: { type: 'string', enum: ['success'] } },
};

export const ALIPAY_NOTIFY_OPERATION = {
  summary: '支付宝公益 trade notify (Alipay asynchronous notify, RSA2)',
  description:
    'Verifies the RSA2 sign of the form parameters with the configured Alipay public keys, maps ' +
    'paid trades and cumulative refund_fee refunds to donation events and answers `success` ' +
    'only once they are durable in Kafka. A redelivered notify gets `success` again; a rejected ' +
    'one goes to donations.dlq with its reason code and Alipay retries it (up to 25 h).',
};
