import { aDonationEvent, aRefundEvent, DonationCountedV1, makeUscc } from '@donations/contracts';
import { eventOps } from './batch.fold';
import { foldCounted, plus } from './batch.sums';
import { statsKeys } from './stats.keys';

const charityId = makeUscc('53100000500021676');
const donation = (amountMinor: number, hash: string) =>
  aDonationEvent({
    campaignId: 'campaign-1',
    charityId,
    currency: 'CNY',
    amountMinor,
    donor: { hash },
  });
const refund = (amountMinor: number) =>
  aRefundEvent({ campaignId: 'campaign-1', charityId, currency: 'CNY', amountMinor });

let offset = 0;
const counted = (
  event: DonationCountedV1['event'],
  overrides: Partial<DonationCountedV1> = {},
): DonationCountedV1 => ({
  schemaVersion: 1,
  source: { partition: 0, offset: String((offset += 1)) },
  decision: 'counted',
  event,
  takenBack: [],
  ...overrides,
});

describe('counted batch fold', () => {
  it('sums each (key, field) over the batch, once however many events move it', () => {
    const { sums } = foldCounted([
      counted(donation(100, 'a'.repeat(64))),
      counted(donation(250, 'b'.repeat(64))),
    ]);
    const global = sums.hashes.get(statsKeys.totals('global'));
    expect(global?.get('CNY:raised')).toBe(350);
    expect(global?.get('CNY:donations')).toBe(2);
    expect(sums.zsets.get(statsKeys.topNet('campaign', 'CNY'))?.get('campaign-1')).toBe(350);
    expect([...(sums.members.get(statsKeys.donors('global')) ?? [])].sort()).toEqual([
      'a'.repeat(64),
      'b'.repeat(64),
    ]);
  });

  it('sums exactly beyond the safe integers (in bigint), as HINCRBY adds in 64 bits', () => {
    const largest = Number.MAX_SAFE_INTEGER;
    const { sums } = foldCounted([
      counted(donation(largest, 'a'.repeat(64))),
      counted(donation(largest, 'b'.repeat(64))),
    ]);
    const global = sums.hashes.get(statsKeys.totals('global'));
    expect(global?.get('CNY:raised')).toBe(2n * BigInt(largest));
    expect(plus(2n * BigInt(largest), -largest)).toBe(BigInt(largest));
    expect(plus(5, -5)).toBe(0);
  });

  it('sums to what the events do one by one', () => {
    const events = [donation(100, 'a'.repeat(64)), refund(40), donation(7, 'a'.repeat(64))];
    const { sums } = foldCounted(events.map((event) => counted(event)));
    const expected = new Map<string, number>();
    for (const op of events.flatMap((event) => eventOps(event))) {
      if (op.kind !== 'incr') continue;
      const id = `${op.key} ${op.field}`;
      expected.set(id, (expected.get(id) ?? 0) + op.by);
    }
    const actual = [...sums.hashes].flatMap(([key, fields]) =>
      [...fields].map(([field, by]) => [`${key} ${field}`, by] as const),
    );
    expect(new Map(actual)).toEqual(expected);
  });

  it('moves nothing for a not-counted event', () => {
    const fold = foldCounted([
      counted(refund(500), {
        decision: 'not-counted',
        reason: 'AGGREGATE.REFUND_EXCEEDS_DONATION',
      }),
    ]);
    expect(fold.sums.hashes.size + fold.sums.zsets.size + fold.sums.members.size).toBe(0);
    expect(fold.changed).toEqual([]);
  });

  it('takes back a refund counted earlier: its figures sum to nothing with it', () => {
    const early = refund(300);
    const late = donation(200, 'c'.repeat(64));
    const fold = foldCounted([counted(early), counted(late, { takenBack: [early] })]);
    const global = fold.sums.hashes.get(statsKeys.totals('global'));
    expect(global?.get('CNY:refunded')).toBe(0);
    expect(global?.get('CNY:refunds')).toBe(0);
    expect(global?.get('CNY:raised')).toBe(200);
    expect(fold.sums.zsets.get(statsKeys.topNet('charity', 'CNY'))?.get(charityId)).toBe(200);
    expect(fold.changed).toEqual([early, late, early]);
    expect(fold.rankings.map((ranking) => ranking.member)).toEqual(['campaign-1', charityId]);
  });
});
