import type { FastifyInstance } from 'fastify';

/**
 * Every request body arrives as the exact bytes sent (signatures are verified on them), whatever
 * the content type. A body over the limit fails with 413 (see ErrorResponseFilter).
 */
export function keepRawBodies(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_req, body, done) => {
    done(null, body);
  });
}
