import { Controller, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiHeaders,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  sendAnswer,
  toWebhookRequest,
  WebhookPipeline,
  WechatPayNotification,
} from '@donations/adapter-kit';
import {
  TENCENT_WEBHOOK_OPERATION,
  WECHATPAY_FAILURE_SCHEMA,
  WECHATPAY_HEADERS,
  WECHATPAY_NOTIFICATION_SCHEMA,
} from './webhook.openapi';

const failure = (status: number, description: string) =>
  ApiResponse({ status, description, schema: WECHATPAY_FAILURE_SCHEMA });

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhookController {
  constructor(private readonly pipeline: WebhookPipeline<WechatPayNotification>) {}

  @Post('tencent')
  @ApiOperation(TENCENT_WEBHOOK_OPERATION)
  @ApiConsumes('application/json')
  @ApiHeaders([...WECHATPAY_HEADERS])
  @ApiBody({ schema: WECHATPAY_NOTIFICATION_SCHEMA })
  @ApiResponse({ status: 204, description: 'Accepted: the events are durable in Kafka' })
  @failure(400, 'WEBHOOK.MALFORMED_BODY or WEBHOOK.DECRYPTION_FAILED')
  @failure(401, 'WEBHOOK.SIGNATURE_MISSING / SIGNATURE_INVALID / TIMESTAMP_STALE')
  @failure(413, 'WEBHOOK.BODY_TOO_LARGE: over the body limit (256 KiB)')
  @failure(415, 'WEBHOOK.UNSUPPORTED_MEDIA_TYPE: not application/json')
  @failure(422, 'Unknown event type, invalid amount or currency, invalid charity, unknown campaign')
  @failure(503, 'WEBHOOK.UNAVAILABLE: Kafka is unavailable; WeChat Pay retries')
  async receive(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return sendAnswer(reply, await this.pipeline.handle(toWebhookRequest(request, 'tencent')));
  }
}
