import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorBody } from './error-response.filter';

/**
 * What a connection is told when its request never reaches a handler: too slow (the headers or
 * request timeout), headers too large, or bytes that are not HTTP. `{code, message}` like every
 * other error answer (Fastify's own is `{error, message, statusCode}`).
 */
export function clientErrorAnswer(error: { code?: string }): { status: number; body: ErrorBody } {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        body: {
          code: 'HTTP.REQUEST_TIMEOUT',
          message: 'the request did not arrive within the headers or request timeout',
        },
      };
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        body: { code: 'HTTP.HEADERS_TOO_LARGE', message: 'the request headers are too large' },
      };
    default:
      return { status: 400, body: { code: 'HTTP.BAD_REQUEST', message: 'not an HTTP request' } };
  }
}

/** Fastify's clientErrorHandler: answers as clientErrorAnswer says, then closes the connection. */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody to answer (see Node's 'clientError' event).
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const { status, body } = clientErrorAnswer(error);
    const json = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
}
