import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StatementError } from './statement.errors';

/**
 * Runs `use` on the request body spooled to a temporary file (deleted afterwards). The body is
 * read as fast as the client sends it, so the server's request deadline (HTTP_REQUEST_TIMEOUT_MS,
 * which runs until the whole request is received) counts the upload only, not the import, which
 * reads the file at its own pace. Memory holds one chunk; the disk at most `maxBytes`.
 */
export async function withSpooledBody<T>(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  use: (spooled: AsyncIterable<Uint8Array>) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'statement-'));
  const path = join(dir, 'body');
  try {
    await pipeline(body, bounded(maxBytes), createWriteStream(path));
    const spooled = createReadStream(path);
    try {
      return await use(spooled);
    } finally {
      spooled.destroy();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function bounded(maxBytes: number) {
  return async function* (chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    let bytes = 0;
    for await (const chunk of chunks) {
      bytes += chunk.byteLength;
      if (bytes > maxBytes) {
        throw new StatementError(
          'STATEMENT.TOO_LARGE',
          `the statement is larger than ${maxBytes} bytes`,
        );
      }
      yield chunk;
    }
  };
}
