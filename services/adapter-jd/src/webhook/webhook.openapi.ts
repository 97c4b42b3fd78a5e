import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';
import { JdWebhookSchema } from './dto/jd-webhook.dto';

/** The request body as OpenAPI 3.0, generated from the zod DTO so the two cannot drift. */
export const JD_WEBHOOK_BODY_SCHEMA = z.toJSONSchema(JdWebhookSchema, {
  target: 'openapi-3.0',
  io: 'input',
}) as SchemaObject;

export const JD_WEBHOOK_OPERATION = {
  summary: '京东公益 donation webhook (Standard Webhooks)',
  description:
    'Verifies the Standard Webhooks signature on the raw bytes, maps ORDER_PAID / ORDER_REFUNDED ' +
    'to donation events and answers 204 only once they are durable in Kafka. A duplicate gets ' +
    '204 again; a rejected request goes to donations.dlq with its reason code.',
};
