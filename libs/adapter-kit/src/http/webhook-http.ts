import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '@donations/contracts';
import type { WebhookAnswer, WebhookRequest } from '../pipeline/webhook-request';

/** A Fastify request as the pipeline sees it: raw bytes, lower-case single-valued headers. */
export function toWebhookRequest(
  request: FastifyRequest,
  platform: Platform,
  receivedAt: Date = new Date(),
): WebhookRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value[0] : value;
  }
  const body: unknown = request.body;
  return {
    platform,
    method: request.method,
    path: request.url.split('?')[0],
    headers,
    rawBody: Buffer.isBuffer(body) ? body : Buffer.alloc(0),
    receivedAt,
    correlationId: correlationIdOf(request),
  };
}

export function sendAnswer(reply: FastifyReply, answer: WebhookAnswer): FastifyReply {
  reply.status(answer.status);
  for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
  if (answer.body === undefined) return reply.send();
  if (typeof answer.body === 'string')
    return reply.type('text/plain; charset=utf-8').send(answer.body);
  return reply.type('application/json; charset=utf-8').send(answer.body);
}

/** Fastify's request id is the correlation id (see createFastifyAdapter). */
function correlationIdOf(request: FastifyRequest): string {
  return request.id.length > 0 ? request.id : randomUUID();
}
