import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { correlationIdOf } from './logging.module';

/** Fastify for every service: the request id is the caller's correlation id (or a new one). */
export function createFastifyAdapter(options: { bodyLimit?: number } = {}): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: options.bodyLimit,
    genReqId: (req: IncomingMessage) => correlationIdOf(req),
  });
}
