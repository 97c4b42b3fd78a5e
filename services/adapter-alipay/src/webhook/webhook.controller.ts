import { Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AlipayNotifyParams,
  sendAnswer,
  toWebhookRequest,
  WebhookPipeline,
  ApiWebhookError,
} from '@donations/adapter-kit';
import {
  ALIPAY_NOTIFY_BODY_SCHEMA,
  ALIPAY_NOTIFY_OPERATION,
  ALIPAY_SUCCESS_CONTENT,
} from './webhook.openapi';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhookController {
  constructor(private readonly pipeline: WebhookPipeline<AlipayNotifyParams>) {}

  @Post('alipay')
  @ApiOperation(ALIPAY_NOTIFY_OPERATION)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ schema: ALIPAY_NOTIFY_BODY_SCHEMA })
  @ApiResponse({
    status: 200,
    description: 'Accepted (or a redelivery): the events are durable in Kafka',
    content: ALIPAY_SUCCESS_CONTENT,
  })
  @ApiWebhookError(400, 'WEBHOOK.MALFORMED_BODY: repeated parameter, not utf-8, missing field')
  @ApiWebhookError(401, 'WEBHOOK.SIGNATURE_MISSING / SIGNATURE_INVALID (sign, sign_type, app_id)')
  @ApiWebhookError(413, 'WEBHOOK.BODY_TOO_LARGE: over the body limit (256 KiB)')
  @ApiWebhookError(415, 'WEBHOOK.UNSUPPORTED_MEDIA_TYPE: not a utf-8 form')
  @ApiWebhookError(422, 'Unknown trade_status, invalid amount, invalid charity, unknown campaign')
  @ApiWebhookError(503, 'WEBHOOK.UNAVAILABLE: Kafka is unavailable; Alipay retries')
  async receive(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return sendAnswer(reply, await this.pipeline.handle(toWebhookRequest(request, 'alipay')));
  }
}
