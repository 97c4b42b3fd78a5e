import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { StatementError } from './statement.errors';

/** One physical line of a statement, numbered from 1. */
export interface SourceLine {
  line: number;
  text: string;
}

/** No statement row is this long; a longer line is rejected and cut to fit a dead letter. */
export const MAX_LINE_CHARS = 16 * 1024;
/** Lines handed on at a time. */
const LINES_PER_BATCH = 2_000;

/**
 * A statement's bytes, streamed, as batches of lines: memory holds one chunk of bytes and one
 * batch of lines, whatever the file's size. The encoding is UTF-8 (with or without BOM), else
 * GB18030 (a superset of GBK, as Alipay exports): decided at the first non-ASCII chunk (ASCII
 * reads the same in both), which must then decode as one of them. Lines end with LF or CRLF; a
 * line longer than MAX_LINE_CHARS is cut there (and rejected later), the rest of it skipped.
 */
export async function* statementLines(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
): AsyncGenerator<SourceLine[]> {
  const decoder = new StatementDecoder();
  let bytes = 0;
  let pending = '';
  let overlong = false;
  let number = 0;
  let batch: SourceLine[] = [];
  const emit = (text: string) => {
    number += 1;
    batch.push({ line: number, text: text.endsWith('\r') ? text.slice(0, -1) : text });
  };
  for await (const chunk of chunks) {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) {
      throw new StatementError(
        'STATEMENT.TOO_LARGE',
        `the statement is larger than ${maxBytes} bytes`,
      );
    }
    const text = decoder.decode(chunk);
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      // The rest of an overlong line was emitted (cut) already.
      if (!overlong) emit(pending + text.slice(start, end));
      overlong = false;
      pending = '';
      start = end + 1;
    }
    if (!overlong) {
      pending += text.slice(start);
      if (pending.length > MAX_LINE_CHARS + 1) {
        emit(pending.slice(0, MAX_LINE_CHARS + 1));
        overlong = true;
        pending = '';
      }
    }
    if (batch.length >= LINES_PER_BATCH) {
      yield batch;
      batch = [];
    }
  }
  const rest = pending + decoder.end();
  if (!overlong && rest !== '') emit(rest);
  if (batch.length > 0) yield batch;
}

/** ASCII as it comes (the same in both), then UTF-8 or GB18030, fatal, from the first other chunk. */
class StatementDecoder {
  private decoder: TextDecoder | undefined;

  decode(chunk: Uint8Array): string {
    if (!this.decoder) {
      if (isAscii(chunk)) return Buffer.from(chunk).toString('latin1');
      this.decoder = pick(chunk);
    }
    const decoder = this.decoder;
    return malformedIfThrows(() => decoder.decode(chunk, { stream: true }));
  }

  end(): string {
    const decoder = this.decoder;
    return decoder ? malformedIfThrows(() => decoder.decode()) : '';
  }
}

function malformedIfThrows(decode: () => string): string {
  try {
    return decode();
  } catch {
    throw new StatementError(
      'STATEMENT.MALFORMED_FILE',
      'the statement is not UTF-8 or GB18030 text',
    );
  }
}

function pick(chunk: Uint8Array): TextDecoder {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
    return new TextDecoder('utf-8', { fatal: true });
  } catch {
    return new TextDecoder('gb18030', { fatal: true });
  }
}
