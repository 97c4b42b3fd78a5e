import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { StatementError } from './statement.errors';
import { withSpooledBody } from './statement-spool';

async function bytesOf(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const all: Buffer[] = [];
  for await (const chunk of chunks) all.push(Buffer.from(chunk));
  return Buffer.concat(all);
}

describe('withSpooledBody', () => {
  it('hands the body on unchanged from a temporary file, removed afterwards', async () => {
    const body = Buffer.from('orderNo,type\nsd-1,donation.paid\n'.repeat(1_000));
    let path: string | undefined;
    const read = await withSpooledBody(
      Readable.from([body.subarray(0, 7), body.subarray(7)]),
      body.length,
      (spooled) => {
        path = (spooled as unknown as { path: string }).path;
        return bytesOf(spooled);
      },
    );
    expect(read.equals(body)).toBe(true);
    expect(path && existsSync(path)).toBe(false);
  });

  it('refuses a body over the bound as STATEMENT.TOO_LARGE, before the import starts', async () => {
    const use = jest.fn(() => Promise.resolve());
    const spooled = withSpooledBody(
      Readable.from([Buffer.alloc(600), Buffer.alloc(600)]),
      1_000,
      use,
    );
    await expect(spooled).rejects.toMatchObject({ code: 'STATEMENT.TOO_LARGE' });
    await expect(spooled).rejects.toBeInstanceOf(StatementError);
    expect(use).not.toHaveBeenCalled();
  });
});
