import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import type { PostgresSsl } from '@donations/database';

/**
 * Serialises work on one platform transaction across every instance of an adapter, with a
 * PostgreSQL advisory lock held while `work` runs. Used where a mapping reads state that the
 * same work then changes (Alipay's cumulative refund_fee).
 *
 * The locks live on their own small pool: a request waiting for a lock then holds no connection
 * of the pool the locked work queries with, so waiting requests can never starve the holder.
 */
export class TransactionLock {
  constructor(private readonly pool: Pool) {}

  static forUrl(
    url: string,
    applicationName: string,
    ssl: PostgresSsl = false,
    size = 4,
  ): TransactionLock {
    return new TransactionLock(
      new Pool({
        connectionString: url,
        max: size,
        application_name: `${applicationName}-locks`,
        ssl,
      }),
    );
  }

  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const lockId = advisoryLockId(key);
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [lockId]);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [lockId]);
      }
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** A signed 64-bit lock id (as a decimal string) from the first 8 bytes of SHA-256 of the key. */
export function advisoryLockId(key: string): string {
  return createHash('sha256').update(key).digest().readBigInt64BE(0).toString();
}
