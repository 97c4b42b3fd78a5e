import { Controller, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const NOOP_PATH = '/bench/noop';

/**
 * The bench's baseline: the same Fastify instance, content-type parser (raw body up to the
 * limit), Nest routing, filters and request logging as the webhook route, and an immediate 204
 * (the webhook's success answer) instead of verify, map, Kafka and the receipt.
 */
@ApiExcludeController()
@Controller('bench')
export class NoopController {
  @Post('noop')
  receive(@Req() _request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    return reply.status(204).send();
  }
}
