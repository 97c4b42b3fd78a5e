import type { PlainRedis } from '@donations/testing';
import type { OwnRedisServer } from '../common/own-redis-server';

/** The server's memory as INFO memory and DBSIZE tell it. */
export interface RedisMemory {
  /** used_memory: what Redis allocated (data, keyspace tables, buffers, script cache). */
  usedBytes: number;
  /** used_memory_dataset: used_memory without the server's own overhead. */
  datasetBytes: number;
  /** used_memory_peak. */
  peakBytes: number;
  /** used_memory_lua: the Lua VM's heap, outside used_memory (its own allocator). */
  luaVmBytes: number;
  /** used_memory_rss: the server's resident memory (allocator fragmentation and Lua included). */
  rssBytes: number;
  /** The keyspace's own tables (MEMORY STATS db.0): the main dictionary and the TTLs. */
  keyspaceBytes: { main: number; expires: number };
  keys: number;
}

/** Keys of one family (`stats:seen`, `stats:totals:campaign`, ...) and their size. */
export interface KeyFamily {
  family: string;
  keys: number;
  /** MEMORY USAGE summed over the family (extrapolated from a sample for large families). */
  bytes: number;
  sampled: boolean;
}

/** Families with more keys than this are sized from a sample of them. */
const SAMPLE = 2_000;

export async function readRedisMemory(server: OwnRedisServer): Promise<RedisMemory> {
  const memory = await server.info('memory');
  const bytes = (name: string) => Number(memory.get(name) ?? 'NaN');
  return {
    usedBytes: bytes('used_memory'),
    datasetBytes: bytes('used_memory_dataset'),
    peakBytes: bytes('used_memory_peak'),
    luaVmBytes: bytes('used_memory_lua'),
    rssBytes: bytes('used_memory_rss'),
    keyspaceBytes: await keyspaceOverhead(server.client),
    keys: await server.client.dbSize(),
  };
}

/** overhead.hashtable.main and .expires of db 0, from MEMORY STATS (0 while db 0 is empty). */
async function keyspaceOverhead(redis: PlainRedis): Promise<{ main: number; expires: number }> {
  const stats = pairs(await redis.sendCommand(['MEMORY', 'STATS']));
  const db = pairs(stats.get('db.0') ?? []);
  const value = (name: string) => Number(db.get(`overhead.hashtable.${name}`) ?? 0);
  return { main: value('main'), expires: value('expires') };
}

/** A RESP3 map (an object) or a RESP2 reply [name, value, name, value, ...] as a map. */
function pairs(reply: unknown): Map<string, unknown> {
  if (reply instanceof Map) return new Map([...reply].map(([k, v]) => [String(k), v as unknown]));
  if (reply !== null && typeof reply === 'object' && !Array.isArray(reply)) {
    return new Map(Object.entries(reply));
  }
  const list = Array.isArray(reply) ? (reply as unknown[]) : [];
  const map = new Map<string, unknown>();
  for (let i = 0; i + 1 < list.length; i += 2) map.set(String(list[i]), list[i + 1]);
  return map;
}

/**
 * Where the keys and their memory are, by family: the key without its last (id) segment, e.g.
 * `stats:seen:<eventId>` -> `stats:seen`, `stats:totals:campaign:<id>` -> `stats:totals:campaign`.
 * MEMORY USAGE counts a key's value and its own allocations, not the keyspace's dictionaries,
 * so the families add up to somewhat less than used_memory.
 */
export async function keyFamilies(redis: PlainRedis): Promise<KeyFamily[]> {
  const families = new Map<string, { keys: number; sample: string[] }>();
  let cursor = '0';
  do {
    const { cursor: next, keys } = await redis.scan(cursor, { COUNT: 1_000 });
    cursor = next;
    for (const key of keys) {
      const family = familyOf(key);
      const entry = families.get(family) ?? { keys: 0, sample: [] };
      entry.keys += 1;
      if (entry.sample.length < SAMPLE) entry.sample.push(key);
      families.set(family, entry);
    }
  } while (cursor !== '0');
  const sized = await Promise.all(
    [...families].map(async ([family, { keys, sample }]) => {
      const pipeline = redis.multi();
      for (const key of sample) pipeline.memoryUsage(key, { SAMPLES: 0 });
      const results = await pipeline.execAsPipeline();
      const sampleBytes = results.reduce<number>((sum, value) => sum + Number(value ?? 0), 0);
      const bytes = (sampleBytes * keys) / Math.max(1, sample.length);
      return { family, keys, bytes, sampled: keys > sample.length };
    }),
  );
  return sized.sort((a, b) => b.bytes - a.bytes);
}

function familyOf(key: string): string {
  const parts = key.split(':');
  return parts.slice(0, parts.length <= 3 ? 2 : 3).join(':');
}
