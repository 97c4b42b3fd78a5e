import { Controller, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  sendAnswer,
  StandardWebhookMessage,
  toWebhookRequest,
  WebhookPipeline,
} from '@donations/adapter-kit';

@Controller('webhooks')
export class WebhookController {
  constructor(private readonly pipeline: WebhookPipeline<StandardWebhookMessage>) {}

  @Post('shuidi')
  async receive(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return sendAnswer(reply, await this.pipeline.handle(toWebhookRequest(request, 'shuidi')));
  }
}
