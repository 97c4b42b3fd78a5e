import { createClient, type RedisClientType } from 'redis';

/** A plain node-redis client (RESP3), for tests and benches that read Redis directly. */
export type PlainRedis = RedisClientType;

/**
 * A connected node-redis client; `keyPrefix` is prepended to the keys it sends (not to SCAN/KEYS
 * patterns, nor stripped from the keys they return). Connection errors are swallowed (node-redis
 * emits them on every reconnect attempt): a real failure shows in the commands, which fail fast
 * while the connection is down (no offline queue).
 */
export async function connectRedis(
  url: string,
  options: { keyPrefix?: string } = {},
): Promise<PlainRedis> {
  const client: PlainRedis = createClient({
    url,
    keyPrefix: options.keyPrefix,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries: number) => Math.min(50 * (retries + 1), 1000) },
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
