import type { ApiHeaderOptions, ApiOperationOptions, SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';
import {
  WEBHOOK_ERROR_CODES,
  WECHATPAY_SIGNATURE_TYPE,
  WechatPayNotificationEnvelopeSchema,
} from '@donations/adapter-kit';

/** The notification body as OpenAPI 3.0, generated from the protocol's zod schema. */
export const WECHATPAY_NOTIFICATION_SCHEMA = z.toJSONSchema(WechatPayNotificationEnvelopeSchema, {
  target: 'openapi-3.0',
  io: 'input',
}) as SchemaObject;

/**
 * Every 4xx and 503 answer, in WeChat Pay's documented shape: `code` is always FAIL, `message`
 * starts with our stable reason code (`WEBHOOK.SIGNATURE_INVALID: ...`).
 */
export const WECHATPAY_FAILURE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', enum: ['FAIL'] },
    message: {
      type: 'string',
      description: `\`<reason code>: <detail>\`; reason codes: ${WEBHOOK_ERROR_CODES.join(', ')}`,
      example:
        'WEBHOOK.SIGNATURE_INVALID: Wechatpay-Signature does not verify with the platform key',
    },
  },
};

export const WECHATPAY_HEADERS: readonly ApiHeaderOptions[] = [
  {
    name: 'Wechatpay-Timestamp',
    required: true,
    description: 'Unix seconds; rejected beyond the tolerance (300 s)',
  },
  {
    name: 'Wechatpay-Nonce',
    required: true,
    description: 'Random string, part of the signed message',
  },
  {
    name: 'Wechatpay-Signature',
    required: true,
    description:
      'Base64 SHA256withRSA of `timestamp\\nnonce\\nbody\\n`; `WECHATPAY/SIGNTEST/` probes fail',
  },
  {
    name: 'Wechatpay-Serial',
    required: true,
    description: 'Serial of the platform key (certificate serial or PUB_KEY_ID_...) that signed',
  },
  {
    name: 'Wechatpay-Signature-Type',
    required: false,
    description: `Only ${WECHATPAY_SIGNATURE_TYPE} is accepted`,
  },
];

export const TENCENT_WEBHOOK_OPERATION: ApiOperationOptions = {
  summary: '腾讯公益 donation notification (WeChat Pay API v3 notify)',
  description:
    'Verifies the WeChat Pay signature on the raw bytes with the platform key the serial names, ' +
    'decrypts the AES-256-GCM resource with the APIv3 key, maps TRANSACTION.SUCCESS and ' +
    'REFUND.SUCCESS to donation events and answers 204 only once they are durable in Kafka. ' +
    'Other TRANSACTION.* / REFUND.* events and duplicates get 204 without an event; a rejected ' +
    'request goes to donations.dlq with its reason code.',
};
