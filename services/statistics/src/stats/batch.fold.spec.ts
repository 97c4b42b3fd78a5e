import { aDonationEvent, aRefundEvent, makeUscc } from '@donations/contracts';
import { fineBucketOf } from './amount-buckets';
import { batchRankings, eventOps, hourBucket, StatsOp } from './batch.fold';

const charityId = makeUscc('53100000500021676');
const incrs = (ops: StatsOp[]) =>
  ops.flatMap((op) => (op.kind === 'incr' ? [`${op.key} ${op.field} ${op.by}`] : []));
const pfadds = (ops: StatsOp[]) =>
  ops.flatMap((op) => (op.kind === 'pfadd' ? [`${op.key} ${op.member}`] : []));
const zincrs = (ops: StatsOp[]) =>
  ops.flatMap((op) => (op.kind === 'zincr' ? [`${op.key} ${op.member} ${op.by}`] : []));

describe('statistics fold', () => {
  const donation = aDonationEvent({
    platform: 'alipay',
    campaignId: 'campaign-1',
    charityId,
    currency: 'CNY',
    amountMinor: 250,
    occurredAt: '2024-09-09T02:03:59.999Z',
    donor: { hash: 'a'.repeat(64), ageBand: '18-24', region: 'CN-GD' },
  });

  it('counts a donation in the totals of every scope it belongs to, region included', () => {
    const ops = incrs(eventOps(donation));
    for (const scope of [
      'global',
      'platform:alipay',
      `charity:${charityId}`,
      'campaign:campaign-1',
      'region:CN-GD',
    ]) {
      expect(ops).toContain(`stats:totals:${scope} CNY:raised 250`);
      expect(ops).toContain(`stats:totals:${scope} CNY:donations 1`);
    }
  });

  it('files the donation in its event-time minute and hour, not the time it arrives', () => {
    const ops = incrs(eventOps(donation));
    expect(ops).toContain('stats:minutes:global 2024-09-09T02:03:00.000Z|CNY|raised 250');
    expect(ops).toContain('stats:hours:global 2024-09-09T02:00:00.000Z|CNY|donations 1');
    expect(hourBucket('2024-09-09T23:59:59.000Z')).toBe('2024-09-09T23:00:00.000Z');
  });

  it('adds the donor to the unique-donor sets and the amount to its bucket and age band', () => {
    const ops = eventOps(donation);
    expect(pfadds(ops).sort()).toEqual(
      ['global', 'platform:alipay', `charity:${charityId}`, 'campaign:campaign-1']
        .map((s) => `stats:donors:${s} ${'a'.repeat(64)}`)
        .sort(),
    );
    expect(incrs(ops)).toContain(`stats:amounts:global CNY:${fineBucketOf(250)} 1`);
    expect(incrs(ops)).toContain('stats:age-bands:platform:alipay 18-24 1');
  });

  it('describes a charity and a campaign like the global scope: buckets, bands and platforms', () => {
    const ops = incrs(eventOps(donation));
    for (const scope of [`charity:${charityId}`, 'campaign:campaign-1']) {
      expect(ops).toContain(`stats:amounts:${scope} CNY:${fineBucketOf(250)} 1`);
      expect(ops).toContain(`stats:age-bands:${scope} 18-24 1`);
      expect(ops).toContain(`stats:platforms:${scope} alipay 1`);
    }
    expect(ops.some((op) => /^stats:(amounts|age-bands|platforms):region:/.test(op))).toBe(false);
  });

  it('moves the campaign and charity up the net leaderboards of the currency', () => {
    expect(zincrs(eventOps(donation)).sort()).toEqual([
      'stats:top:campaign:net:CNY campaign-1 250',
      `stats:top:charity:net:CNY ${charityId} 250`,
    ]);
  });

  it('counts a refund as refunded only: no donor, bucket or age band', () => {
    const refund = aRefundEvent({
      platformTxnId: donation.platformTxnId,
      charityId,
      amountMinor: 80,
      donor: { hash: 'b'.repeat(64) },
    });
    const ops = eventOps(refund);
    expect(incrs(ops)).toContain(`stats:totals:global ${refund.currency}:refunded 80`);
    expect(incrs(ops)).toContain(`stats:totals:global ${refund.currency}:refunds 1`);
    expect(pfadds(ops)).toEqual([]);
    expect(incrs(ops).some((op) => /^stats:(amounts|age-bands|platforms):/.test(op))).toBe(false);
    expect(zincrs(ops)).toContain(`stats:top:charity:net:${refund.currency} ${charityId} -80`);
    expect(batchRankings([refund])).toEqual([]);
  });

  it('ranks each campaign and charity of a batch by donors once, after its donations', () => {
    const other = aDonationEvent({ campaignId: 'campaign-2', charityId, donor: donation.donor });
    expect(batchRankings([donation, other, donation])).toEqual([
      {
        board: 'stats:top:campaign:donors',
        donors: 'stats:donors:campaign:campaign-1',
        member: 'campaign-1',
      },
      {
        board: 'stats:top:charity:donors',
        donors: `stats:donors:charity:${charityId}`,
        member: charityId,
      },
      {
        board: 'stats:top:campaign:donors',
        donors: 'stats:donors:campaign:campaign-2',
        member: 'campaign-2',
      },
    ]);
  });

  it('leaves the region out when the event has none and counts the age band as unknown', () => {
    const ops = incrs(eventOps(aDonationEvent({ charityId, donor: { hash: 'c'.repeat(64) } })));
    expect(ops.some((op) => op.startsWith('stats:totals:region:'))).toBe(false);
    expect(ops).toContain('stats:age-bands:global unknown 1');
  });

  it('takes a counted refund back with every number moved the other way', () => {
    const refund = aRefundEvent({ charityId, amountMinor: 80, donor: { hash: 'b'.repeat(64) } });
    const negated = eventOps(refund).map((op) =>
      op.kind === 'pfadd' ? op : { ...op, by: -op.by },
    );
    expect(eventOps(refund, -1)).toEqual(negated);
    expect(zincrs(eventOps(refund, -1))).toContain(
      `stats:top:charity:net:${refund.currency} ${charityId} 80`,
    );
  });
});
