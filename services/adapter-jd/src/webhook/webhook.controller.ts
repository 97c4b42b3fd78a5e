import { Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  sendAnswer,
  StandardWebhookMessage,
  toWebhookRequest,
  WebhookPipeline,
  ApiStandardWebhookHeaders,
  ApiWebhookError,
} from '@donations/adapter-kit';
import { JD_WEBHOOK_BODY_SCHEMA, JD_WEBHOOK_OPERATION } from './webhook.openapi';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhookController {
  constructor(private readonly pipeline: WebhookPipeline<StandardWebhookMessage>) {}

  @Post('jd')
  @ApiOperation(JD_WEBHOOK_OPERATION)
  @ApiConsumes('application/json')
  @ApiStandardWebhookHeaders()
  @ApiBody({ schema: JD_WEBHOOK_BODY_SCHEMA })
  @ApiResponse({ status: 204, description: 'Accepted: the events are durable in Kafka' })
  @ApiWebhookError(400, 'WEBHOOK.MALFORMED_BODY: not JSON, or not the documented shape')
  @ApiWebhookError(401, 'WEBHOOK.SIGNATURE_MISSING / SIGNATURE_INVALID / TIMESTAMP_STALE')
  @ApiWebhookError(413, 'WEBHOOK.BODY_TOO_LARGE: over the body limit (256 KiB)')
  @ApiWebhookError(415, 'WEBHOOK.UNSUPPORTED_MEDIA_TYPE: not application/json')
  @ApiWebhookError(
    422,
    'Unknown event type, invalid amount or currency, invalid charity, unknown campaign',
  )
  @ApiWebhookError(503, 'WEBHOOK.UNAVAILABLE: Kafka is unavailable; retry later')
  async receive(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return sendAnswer(reply, await this.pipeline.handle(toWebhookRequest(request, 'jd')));
  }
}
