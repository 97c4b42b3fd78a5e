import { Webhook } from 'standardwebhooks';

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
  private readonly signer: Webhook;
  private sequence = 0;

  constructor(
    secret: string,
    private readonly run: string,
    private readonly projectIds: readonly string[],
  ) {
    this.signer = new Webhook(secret);
  }

  next(count: number, at: Date = new Date()): BenchRequest[] {
    const timestamp = String(Math.floor(at.getTime() / 1000));
    return Array.from({ length: count }, () => {
      const index = this.sequence++;
      const id = `msg_${this.run}_${index}`;
      const body = Buffer.from(JSON.stringify(this.donation(index, at)));
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'content-length': String(body.length),
          'webhook-id': id,
          'webhook-timestamp': timestamp,
          'webhook-signature': this.signer.sign(id, at, body),
        },
      };
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
