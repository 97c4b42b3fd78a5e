import { StandardWebhookSigner } from '@donations/platform-sim';

/** One prepared request: signed before the clock starts, so signing is not measured. */
export interface BenchRequest {
  headers: Record<string, string>;
  body: Buffer;
}

/** A fresh `whsec_` secret for one bench run (the adapter is started with it). */
export function benchSecret(run: string): string {
  return `whsec_${Buffer.from(`ingest-bench-${run}-0123456789abcdef`).toString('base64')}`;
}

/**
 * 水滴公益 `donation.paid` webhooks as the platform sends them (Standard Webhooks): a distinct
 * order and webhook-id each, spread over the registered projects, ~300-byte JSON bodies.
 */
export class DonationWebhooks {
  private readonly signer: StandardWebhookSigner;
  private sequence = 0;

  constructor(
    secret: string,
    private readonly run: string,
    private readonly projectIds: readonly string[],
  ) {
    this.signer = new StandardWebhookSigner(secret);
  }

  next(count: number, at: Date = new Date()): BenchRequest[] {
    return Array.from({ length: count }, () => {
      const index = this.sequence++;
      const body = Buffer.from(JSON.stringify(this.donation(index, at)));
      const signed = this.signer.headers(body, `msg_${this.run}_${index}`, at);
      return { body, headers: { ...signed, 'content-length': String(body.length) } };
    });
  }

  private donation(index: number, at: Date) {
    return {
      type: 'donation.paid',
      data: {
        orderNo: `bench-${this.run}-${index}`,
        projectId: this.projectIds[index % this.projectIds.length],
        amountFen: 100 + (index % 50) * 100,
        currency: 'CNY',
        occurredAt: at.toISOString(),
        donor: { userId: `donor-${index % 10_000}`, ageBand: '18-24', region: 'CN-GD' },
      },
    };
  }
}
