import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  sendAnswer,
  StripeWebhookMessage,
  toWebhookRequest,
  WebhookPipeline,
} from '@donations/adapter-kit';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhookController {
  constructor(private readonly pipeline: WebhookPipeline<StripeWebhookMessage>) {}

  @Post('stripe')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Receive a Stripe webhook event (overseas giving)',
    description:
      'checkout.session.completed, charge.succeeded and charge.refunded, verified on the raw ' +
      'body (HMAC-SHA256, 300 s tolerance). Answered only once the events are durable in Kafka.',
  })
  @ApiHeader({
    name: 'Stripe-Signature',
    required: true,
    description: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">; several v1 while rolling',
  })
  @ApiResponse({ status: 200, description: 'Accepted (or a duplicate): {"received":true}' })
  @ApiResponse({ status: 400, description: 'Malformed body: {code, message}, dead-lettered' })
  @ApiResponse({ status: 401, description: 'Missing, invalid or stale signature: {code, message}' })
  @ApiResponse({ status: 413, description: 'Body over the size limit' })
  @ApiResponse({ status: 415, description: 'Body is not application/json' })
  @ApiResponse({
    status: 422,
    description: 'Unknown event type, campaign, currency or a bad amount: {code, message}',
  })
  @ApiResponse({ status: 503, description: 'Kafka unavailable: not accepted, Stripe retries' })
  async receive(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return sendAnswer(reply, await this.pipeline.handle(toWebhookRequest(request, 'stripe')));
  }
}
