import { createHash } from 'node:crypto';
import { hexOf, sha1 } from './sha1';

/** A deterministic byte stream (a small LCG): the same cases on every run. */
function bytesOf(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i += 1) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

describe('sha1', () => {
  it('equals node:crypto for every length from 0 to 300 bytes (one to six blocks)', () => {
    for (let length = 0; length <= 300; length += 1) {
      const message = bytesOf(length, length + 1);
      const scratch = Buffer.alloc(length + 72);
      message.copy(scratch);
      const words = [...sha1(scratch, length)].map(hexOf).join('');
      expect(words).toBe(createHash('sha1').update(message).digest('hex'));
    }
  });
});
