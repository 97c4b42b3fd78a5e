/** A small seeded PRNG (mulberry32): fuzz runs are reproducible from their seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JSON_JUNK = [
  'null',
  '[]',
  '{}',
  '-1',
  '1e309',
  '1.5',
  '"x"',
  'true',
  '99999999999999999999',
  '"\u0000"',
  '"𝄞"',
  '{"__proto__":{}}',
  '"' + 'a'.repeat(300) + '"',
];

type Mutator = (seed: Buffer, random: () => number) => Buffer;

const pick = <T>(items: readonly T[], random: () => number): T =>
  items[Math.floor(random() * items.length)];

const mutators: Mutator[] = [
  // random bytes
  (_seed, random) =>
    Buffer.from(
      Array.from({ length: Math.floor(random() * 512) }, () => Math.floor(random() * 256)),
    ),
  // flip a few bits
  (seed, random) => {
    const copy = Buffer.from(seed);
    for (let i = 0; i < 1 + Math.floor(random() * 4) && copy.length > 0; i++) {
      copy[Math.floor(random() * copy.length)] ^= 1 << Math.floor(random() * 8);
    }
    return copy;
  },
  // truncate
  (seed, random) => seed.subarray(0, Math.floor(random() * seed.length)),
  // replace a JSON value (after a colon) with junk
  (seed, random) => {
    const text = seed.toString('utf8');
    const colons = [...text.matchAll(/:/g)].map((match) => match.index);
    if (colons.length === 0) return seed;
    const at = pick(colons, random) + 1;
    const end = text.slice(at).search(/[,}]/);
    const stop = end < 0 ? text.length : at + end;
    return Buffer.from(text.slice(0, at) + pick(JSON_JUNK, random) + text.slice(stop));
  },
  // a whole junk document
  (_seed, random) => Buffer.from(pick(JSON_JUNK, random)),
  // duplicate a slice
  (seed, random) => {
    const start = Math.floor(random() * seed.length);
    return Buffer.concat([seed, seed.subarray(start, start + Math.floor(random() * 64))]);
  },
];

/** `count` mutated variants of `seed`: random bytes, bit flips, truncations, junk values. */
export function* mutations(
  seed: Buffer,
  count: number,
  random = seededRandom(20261124),
): Generator<Buffer> {
  for (let i = 0; i < count; i++) {
    yield pick(mutators, random)(seed, random);
  }
}
