import { Readable } from 'node:stream';
import { MAX_LINE_CHARS, SourceLine, statementLines } from './statement-lines';
import { StatementError } from './statement.errors';

async function linesOf(chunks: Buffer[], maxBytes = Infinity): Promise<SourceLine[]> {
  const lines: SourceLine[] = [];
  for await (const batch of statementLines(Readable.from(chunks), maxBytes)) lines.push(...batch);
  return lines;
}

/** The bytes cut into pieces of `size` (splitting multi-byte characters). */
const pieces = (bytes: Buffer, size: number) =>
  Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
    bytes.subarray(i * size, (i + 1) * size),
  );

describe('statementLines (a streamed statement as numbered lines)', () => {
  const text = '订单号,金额\r\nJD-1,12.30\n\nJD-2,支付\n';

  it.each([1, 2, 3, 7, 1024])(
    'gives the same lines in chunks of %i bytes, CRLF or LF',
    async (size) => {
      const lines = await linesOf(pieces(Buffer.from(text, 'utf8'), size));
      expect(lines).toEqual([
        { line: 1, text: '订单号,金额' },
        { line: 2, text: 'JD-1,12.30' },
        { line: 3, text: '' },
        { line: 4, text: 'JD-2,支付' },
      ]);
    },
  );

  it('reads GB18030 when the first non-ASCII chunk is not UTF-8, after ASCII chunks', async () => {
    const gbk = Buffer.concat([Buffer.from('a,b\n'), new TextEncoderGb().encode('支付,退款\n')]);
    const lines = await linesOf(pieces(gbk, 4));
    expect(lines.map((l) => l.text)).toEqual(['a,b', '支付,退款']);
  });

  it('cuts an overlong line and numbers the next one right', async () => {
    const long = 'x'.repeat(MAX_LINE_CHARS * 3);
    const lines = await linesOf(pieces(Buffer.from(`h\n${long}\nnext\n`), 4096));
    expect(lines.map((l) => [l.line, l.text.length])).toEqual([
      [1, 1],
      [2, MAX_LINE_CHARS + 1],
      [3, 4],
    ]);
  });

  it('refuses a body over the limit with STATEMENT.TOO_LARGE', async () => {
    await expect(linesOf([Buffer.alloc(10, 'a'), Buffer.alloc(10, 'a')], 15)).rejects.toEqual(
      new StatementError('STATEMENT.TOO_LARGE', 'the statement is larger than 15 bytes'),
    );
  });

  it('refuses bytes that are neither UTF-8 nor GB18030', async () => {
    await expect(linesOf([Buffer.from([0x61, 0x0a, 0xff, 0xff, 0xff])])).rejects.toMatchObject({
      code: 'STATEMENT.MALFORMED_FILE',
    });
  });
});

/** GB18030 bytes of the two words used above (Node has no GB18030 encoder). */
class TextEncoderGb {
  encode(text: string): Buffer {
    const table: Record<string, number[]> = {
      支: [0xd6, 0xa7],
      付: [0xb8, 0xb6],
      退: [0xcd, 0xcb],
      款: [0xbf, 0xee],
    };
    return Buffer.from([...text].flatMap((ch) => table[ch] ?? [ch.charCodeAt(0)]));
  }
}
