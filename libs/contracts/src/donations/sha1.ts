const W = new Int32Array(80);
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** The big-endian word at `offset` of `bytes`. */
const wordAt = (bytes: Uint8Array, offset: number): number =>
  ((bytes[offset] ?? 0) << 24) |
  ((bytes[offset + 1] ?? 0) << 16) |
  ((bytes[offset + 2] ?? 0) << 8) |
  (bytes[offset + 3] ?? 0);

/**
 * SHA-1 (FIPS 180-4) of `bytes[0, length)` as five 32-bit words. Pads in place: `bytes` must hold
 * `length + 72` bytes. In JavaScript because node:crypto costs a hash object and an OpenSSL
 * context per call: three to four times this for the short names of event ids (sha1.spec.ts
 * compares the two). Not for secrets: SHA-1 here only derives UUIDv5 ids.
 */
export function sha1(bytes: Uint8Array, length: number): Int32Array {
  const blocks = ((length + 8) >>> 6) + 1;
  const end = blocks * 64;
  bytes.fill(0, length, end);
  bytes[length] = 0x80;
  const bits = length * 8;
  bytes[end - 4] = bits >>> 24;
  bytes[end - 3] = bits >>> 16;
  bytes[end - 2] = bits >>> 8;
  bytes[end - 1] = bits;
  const h = Int32Array.of(0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0);
  for (let block = 0; block < end; block += 64) compress(h, bytes, block);
  return h;
}

function compress(h: Int32Array, bytes: Uint8Array, block: number): void {
  for (let i = 0; i < 16; i += 1) W[i] = wordAt(bytes, block + i * 4);
  for (let i = 16; i < 80; i += 1) {
    const x = (W[i - 3] ?? 0) ^ (W[i - 8] ?? 0) ^ (W[i - 14] ?? 0) ^ (W[i - 16] ?? 0);
    W[i] = (x << 1) | (x >>> 31);
  }
  let a = h[0] ?? 0;
  let b = h[1] ?? 0;
  let c = h[2] ?? 0;
  let d = h[3] ?? 0;
  let e = h[4] ?? 0;
  for (let i = 0; i < 80; i += 1) {
    const t = (((a << 5) | (a >>> 27)) + round(i, b, c, d) + e + (W[i] ?? 0)) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  h[0] = (h[0] ?? 0) + a;
  h[1] = (h[1] ?? 0) + b;
  h[2] = (h[2] ?? 0) + c;
  h[3] = (h[3] ?? 0) + d;
  h[4] = (h[4] ?? 0) + e;
}

/** Round i's function of b, c, d plus its constant. */
function round(i: number, b: number, c: number, d: number): number {
  if (i < 20) return ((b & c) | (~b & d)) + 0x5a827999;
  if (i < 40) return (b ^ c ^ d) + 0x6ed9eba1;
  if (i < 60) return ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdc;
  return (b ^ c ^ d) + 0xca62c1d6;
}

/** The lower-case hex of a word. */
export const hexOf = (word: number): string =>
  `${HEX[(word >>> 24) & 0xff]}${HEX[(word >>> 16) & 0xff]}${HEX[(word >>> 8) & 0xff]}${HEX[word & 0xff]}`;
