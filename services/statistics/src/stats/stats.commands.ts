import { createClient, defineScript, type CommandParser, type RedisArgument } from 'redis';
import type { RedisConnectionOptions } from '@donations/config';
import { ALLOCATE_VERSIONS_LUA } from '../publish/allocate-versions.lua';
import { APPLY_BATCH_LUA } from './apply-batch.lua';

type ScriptArg = string | number;

/** apply-batch.lua's reply: applied (1), or not (0) against a stale fence; the stored fence. */
export type BatchReply = [done: 0 | 1, fence: string];

/**
 * Pushes script arguments one by one, numbers as their decimal strings: a rebuild's batch has
 * far too many arguments to spread into one call.
 */
function pushArgs(parser: CommandParser, args: readonly ScriptArg[]): void {
  for (const arg of args) parser.push(typeof arg === 'number' ? String(arg) : arg);
}

/**
 * The statistics' scripts, sent as EVALSHA (node-redis falls back to EVAL once when the server
 * answers NOSCRIPT, e.g. after a restart). Their KEYS take the client's key prefix.
 */
export const STATS_SCRIPTS = {
  /** apply-batch.lua: KEYS and ARGV as arrays (see batch-script.args.ts). */
  applyStatsBatch: defineScript({
    SCRIPT: APPLY_BATCH_LUA,
    parseCommand(parser: CommandParser, keys: readonly string[], args: readonly ScriptArg[]) {
      parser.pushKeysLength(keys as RedisArgument[]);
      pushArgs(parser, args);
    },
    transformReply: (reply: unknown) => reply as BatchReply,
  }),
  /** allocate-versions.lua: the topic's `published` hash, the time, then scope, count pairs. */
  allocateStatsVersions: defineScript({
    SCRIPT: ALLOCATE_VERSIONS_LUA,
    NUMBER_OF_KEYS: 1,
    parseCommand(
      parser: CommandParser,
      publishedKey: string,
      nowMs: number,
      scopesAndCounts: readonly ScriptArg[],
    ) {
      parser.pushKey(publishedKey);
      parser.push(String(nowMs));
      pushArgs(parser, scopesAndCounts);
    },
    transformReply: (reply: unknown) => reply as number[],
  }),
};

export interface StatsRedisOptions {
  /** Where and how to connect: URL, TLS, credentials (redisConnectionOf the settings). */
  connection: RedisConnectionOptions;
  keyPrefix: string;
  /** CLIENT SETNAME. */
  name: string;
  /** How long a command may wait for a connection before it fails (the offline queue). */
  offlineTimeoutMs: number;
}

/**
 * The statistics' node-redis client (RESP3, keys under `keyPrefix`, the scripts above). Not
 * connected yet: call connect(). While the connection is down, commands wait in the offline
 * queue for at most `offlineTimeoutMs`, then fail (TimeoutError): a short Redis restart is
 * bridged, a longer outage fails the batch (the consumer retries it) and the readiness check.
 * Commands already sent fail when the connection drops. Reconnects back off from 50 ms to 2 s.
 */
export function createStatsRedis(options: StatsRedisOptions) {
  const { socket: tls, ...connection } = options.connection;
  return createClient({
    ...connection,
    keyPrefix: options.keyPrefix,
    name: options.name,
    RESP: 3,
    scripts: STATS_SCRIPTS,
    commandOptions: { timeout: options.offlineTimeoutMs },
    socket: {
      ...tls,
      reconnectStrategy: (retries: number) => Math.min(50 * (retries + 1), 2000),
    },
  });
}

/** The node-redis client with the statistics' scripts. */
export type StatsRedis = ReturnType<typeof createStatsRedis>;

/** The commands the statistics queue on a MULTI or pipeline. */
export interface StatsChain {
  hGetAll(key: string): StatsChain;
  pfCount(key: string): StatsChain;
  hKeys(key: string): StatsChain;
  hmGet(key: string, fields: string[]): StatsChain;
  allocateStatsVersions(
    publishedKey: string,
    nowMs: number,
    scopesAndCounts: readonly ScriptArg[],
  ): StatsChain;
  /** MULTI ... EXEC; rejects with the first error (MultiErrorReply) or WatchError. */
  exec(): Promise<unknown[]>;
  /** The queued commands as one pipeline, not atomic. */
  execAsPipeline(): Promise<unknown[]>;
}

/** A chain of commands on the client: exec() runs them as one atomic MULTI. */
export const statsMulti = (redis: StatsRedis): StatsChain => redis.multi();
