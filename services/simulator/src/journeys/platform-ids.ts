import { createHash } from 'node:crypto';
import type { Platform } from '@donations/contracts';

/** Ids in each platform's own format, unique per run (the run id is hashed into them). */
export class PlatformIds {
  private readonly runDigits: string;

  constructor(private readonly run: string) {
    const hash = createHash('sha256').update(run).digest();
    this.runDigits = String(hash.readUInt32BE(0) % 1_000_000).padStart(6, '0');
  }

  /** The platform's transaction id of donation number `seq` on (Beijing) `day` (YYYYMMDD). */
  transaction(platform: Platform, seq: number, day: string): string {
    const serial = `${this.runDigits}${String(seq).padStart(9, '0')}`;
    switch (platform) {
      case 'alipay':
        return `${day}22001${serial}`.slice(0, 28);
      case 'tencent':
        return `4200002${day}${serial}`;
      case 'stripe':
        return `pi_3${this.run}${seq.toString(36).padStart(8, '0')}`;
      case 'shuidi':
        return `SD${day}${serial}`;
      case 'jd':
        return `JD${serial}`;
    }
  }

  /** The id of refund `n` of a transaction (Alipay out_biz_no, WeChat refund_id, ...). */
  refund(platform: Platform, txnId: string, n: number): string {
    switch (platform) {
      case 'tencent':
        return `50300${txnId.slice(-15)}${n}`;
      case 'stripe':
        return `re_${txnId.slice(3)}${n}`;
      case 'alipay':
      case 'shuidi':
      case 'jd':
        return `RF${txnId.slice(-15)}-${n}`;
    }
  }

  /** The platform's id of a donor of the pool (Alipay buyer_id, WeChat openid, Stripe customer). */
  donor(platform: Platform, index: number): string {
    switch (platform) {
      case 'alipay':
        return `2088${String(index).padStart(12, '0')}`;
      case 'tencent':
        return `oUpF8u${createHash('md5').update(String(index)).digest('base64url').slice(0, 22)}`;
      case 'stripe':
        return `cus_${index.toString(36).padStart(14, '0')}`;
      case 'shuidi':
        return `sd_user_${index}`;
      case 'jd':
        return `jd_${index.toString(16).padStart(10, '0')}`;
    }
  }
}
