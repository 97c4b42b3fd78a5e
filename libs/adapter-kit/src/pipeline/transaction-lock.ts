import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Serialises work on one platform transaction across every instance of an adapter, with a
 * PostgreSQL advisory lock held on a dedicated connection while `work` runs. Used where a
 * mapping reads state that the same work then changes (Alipay's cumulative refund_fee).
 */
export class TransactionLock {
  constructor(private readonly dataSource: DataSource) {}

  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const lockId = advisoryLockId(key);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [lockId]);
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [lockId]);
      }
    } finally {
      await runner.release();
    }
  }
}

/** A signed 64-bit lock id (as a decimal string) from the first 8 bytes of SHA-256 of the key. */
export function advisoryLockId(key: string): string {
  return createHash('sha256').update(key).digest().readBigInt64BE(0).toString();
}
