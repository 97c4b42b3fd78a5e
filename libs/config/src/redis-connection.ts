import type { RedisSecurityEnv } from './connection-security.config';

/** The Redis settings a client needs (RedisEnvSchema's, or an optional Redis's). */
export interface RedisConnectionEnv extends Partial<RedisSecurityEnv> {
  readonly REDIS_URL: string;
}

/** TLS socket options of node-redis (`tls: true` plus Node's TLS options). */
export interface RedisTlsSocket {
  readonly tls: true;
  /** Unset: Node's built-in roots. */
  readonly ca?: string;
}

/** What node-redis' createClient takes for where and how to connect. */
export interface RedisConnectionOptions {
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  /** Present only for TLS: spread it into the client's `socket` with its other options. */
  readonly socket?: RedisTlsSocket;
}

/**
 * The client's connection options from the settings: TLS when REDIS_TLS is true or the URL is
 * rediss:// (with REDIS_TLS_CA, only that CA is trusted), and REDIS_USERNAME / REDIS_PASSWORD
 * as the ACL credentials. node-redis lets credentials in the URL win over these, and refuses
 * `socket.tls` on a redis:// URL: with REDIS_TLS the URL is turned into its rediss:// form.
 * No Redis types here: every service's node-redis accepts this shape.
 */
export function redisConnectionOf(env: RedisConnectionEnv): RedisConnectionOptions {
  const tls = env.REDIS_TLS === true || env.REDIS_URL.startsWith('rediss://');
  return {
    url: tls ? env.REDIS_URL.replace(/^redis:\/\//, 'rediss://') : env.REDIS_URL,
    ...(env.REDIS_USERNAME !== undefined && { username: env.REDIS_USERNAME }),
    ...(env.REDIS_PASSWORD !== undefined && { password: env.REDIS_PASSWORD }),
    ...(tls && {
      socket: env.REDIS_TLS_CA === undefined ? { tls } : { tls, ca: env.REDIS_TLS_CA },
    }),
  };
}
