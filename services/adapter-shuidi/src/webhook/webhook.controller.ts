import { Controller, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOperation,
  ApiResponse,
  ApiTags,
  SchemaObject,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  sendAnswer,
  StandardWebhookMessage,
  toWebhookRequest,
  WebhookPipeline,
  ApiStandardWebhookHeaders,
  ApiWebhookError,
} from '@donations/adapter-kit';
import { ShuidiWebhookSchema } from './dto/shuidi-webhook.dto';

/** The request body, generated from the zod DTO so the document cannot drift from it. */
const bodySchema = z.toJSONSchema(ShuidiWebhookSchema, {
  target: 'openapi-3.0',
  io: 'input',
}) as SchemaObject;

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhookController {
  constructor(private readonly pipeline: WebhookPipeline<StandardWebhookMessage>) {}

  @Post('shuidi')
  @ApiOperation({
    summary: '水滴公益 donation webhook (Standard Webhooks)',
    description:
      'Verifies the Standard Webhooks signature on the raw bytes, maps donation.paid and ' +
      'donation.refunded to donation events and answers 204 only once the request and its ' +
      'events are durable in Kafka. A duplicate gets 204 again; a rejected request goes to ' +
      'donations.dlq with its reason code.',
  })
  @ApiConsumes('application/json')
  @ApiStandardWebhookHeaders()
  @ApiHeader({
    name: 'x-correlation-id',
    required: false,
    description: 'Carried into logs and Kafka headers; minted when absent',
  })
  @ApiBody({ schema: bodySchema })
  @ApiResponse({ status: 204, description: 'Accepted (or a duplicate): durable in Kafka' })
  @ApiWebhookError(400, 'WEBHOOK.MALFORMED_BODY: not JSON, or not the documented shape')
  @ApiWebhookError(401, 'WEBHOOK.SIGNATURE_MISSING, SIGNATURE_INVALID or TIMESTAMP_STALE')
  @ApiWebhookError(413, 'WEBHOOK.BODY_TOO_LARGE: over WEBHOOK_BODY_LIMIT_BYTES (256 KiB)')
  @ApiWebhookError(415, 'WEBHOOK.UNSUPPORTED_MEDIA_TYPE: not application/json')
  @ApiWebhookError(
    422,
    'WEBHOOK.UNKNOWN_EVENT_TYPE, INVALID_AMOUNT, UNKNOWN_CURRENCY, INVALID_CHARITY, ' +
      'UNKNOWN_CAMPAIGN or INVALID_EVENT (re-drivable from the DLQ)',
  )
  @ApiWebhookError(500, 'WEBHOOK.INTERNAL_ERROR: a bug; the errorId is in the log; retry')
  @ApiWebhookError(503, 'WEBHOOK.UNAVAILABLE: Kafka did not acknowledge; retry later')
  async receive(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return sendAnswer(reply, await this.pipeline.handle(toWebhookRequest(request, 'shuidi')));
  }
}
