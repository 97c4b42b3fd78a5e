import { DataSource } from 'typeorm';
import { aDonationEvent, aRefundEvent, makeUscc } from '@donations/contracts';
import { createDataSource } from '@donations/database';
import { createTestSchema, TestSchema, uniqueSuffix } from '@donations/testing';
import { RefundReport, RefundStateRepository } from './refund-state.repository';
import { WebhookReceipt } from './webhook-receipt.entity';
import { WebhookReceiptsRepository } from './webhook-receipts.repository';

const CAMPAIGN = { campaignId: 'campaign-1', charityId: makeUscc('53100000500021676') };

describe('RefundStateRepository on the real PostgreSQL', () => {
  let schema: TestSchema;
  let dataSource: DataSource;
  let refunds: RefundStateRepository;
  let receipts: WebhookReceiptsRepository;

  beforeAll(async () => {
    schema = await createTestSchema();
    dataSource = createDataSource({
      url: schema.url,
      schema: schema.schema,
      entities: [WebhookReceipt],
    });
    await dataSource.initialize();
    refunds = new RefundStateRepository(dataSource);
    receipts = new WebhookReceiptsRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await schema?.drop();
  });

  const report = (txn: string, amountMinor: number, key = `re_${amountMinor}`): RefundReport => ({
    platformTxnId: txn,
    observations: [{ basis: 'single', key, amountMinor }],
    source: 'webhook',
    capMinor: 10_000,
    campaign: CAMPAIGN,
    currency: 'USD',
    occurredAt: '2026-09-09T10:00:00Z',
  });

  /** The receipt the pipeline writes once Kafka acknowledged the event. */
  async function sent(txn: string, refundId: string, amountMinor: number) {
    await receipts.record(
      [
        aRefundEvent({
          platform: 'stripe',
          platformTxnId: txn,
          refundId,
          amountMinor,
          currency: 'USD',
          ...CAMPAIGN,
        }),
      ],
      'webhook',
    );
  }

  it('sends a refund again, with the same id, until its receipt is written; then never', async () => {
    const txn = `pi_${uniqueSuffix()}`;
    const first = await refunds.settle('stripe', report(txn, 1_000));
    expect(first.toEmit.map((r) => [r.refundId, r.amountMinor])).toEqual([['level:1000', 1000]]);
    // The send was lost (no receipt): the retry of the same webhook sends the same event.
    const retry = await refunds.settle('stripe', report(txn, 1_000));
    expect(retry.toEmit.map((r) => [r.refundId, r.amountMinor])).toEqual([['level:1000', 1000]]);
    expect(retry.seenBefore).toBe('webhook');
    // A further refund before the receipt: the unconfirmed one again, and only the rise.
    const further = await refunds.settle('stripe', report(txn, 2_000));
    expect(further.toEmit.map((r) => [r.refundId, r.amountMinor])).toEqual([
      ['level:1000', 1000],
      ['level:3000', 2000],
    ]);
    await sent(txn, 'level:1000', 1000);
    await sent(txn, 'level:3000', 2000);
    expect((await refunds.settle('stripe', report(txn, 2_000))).toEmit).toEqual([]);
  });

  it('rolls a dry run back: nothing observed, nothing issued', async () => {
    const txn = `pi_${uniqueSuffix()}`;
    const dry = await refunds.settle('stripe', report(txn, 500), true);
    expect(dry.toEmit.map((r) => r.amountMinor)).toEqual([500]);
    const real = await refunds.settle('stripe', report(txn, 500));
    expect(real.toEmit.map((r) => r.amountMinor)).toEqual([500]);
    expect(real.seenBefore).toBeUndefined();
  });

  it('caps the level at the donation receipt when the report carries no total', async () => {
    const txn = `pi_${uniqueSuffix()}`;
    await receipts.record(
      [
        aDonationEvent({
          platform: 'stripe',
          platformTxnId: txn,
          amountMinor: 1_500,
          currency: 'USD',
        }),
      ],
      'webhook',
    );
    const { capMinor: _cap, ...uncapped } = report(txn, 4_000);
    const settled = await refunds.settle('stripe', uncapped);
    expect(settled.toEmit.map((r) => [r.refundId, r.amountMinor])).toEqual([['level:1500', 1500]]);
  });
});
