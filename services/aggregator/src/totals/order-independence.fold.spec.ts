import {
  aDonationEvent,
  aRefundEvent,
  CampaignTotalsV1Schema,
  CharityRollupV1Schema,
  Currency,
  DonationEventV1,
  DonationRefundedV1,
  makeUscc,
  Platform,
  TotalsByCurrency,
} from '@donations/contracts';
import { foldBatch } from './batch.fold';
import { decideRefund, recheckOnDonation, transactionKey } from './refund.fold';
import { applyCharityDelta, applyDelta } from './state.fold';
import { toCampaignTotalsMessage, toCharityRollupMessage } from './topic-message.fold';
import { CampaignTotalsState, CharityTotalsState } from './totals.types';

const CHARITIES = [makeUscc('53100000500021676'), makeUscc('53100000500021677')];
const CAMPAIGNS = ['c-a', 'c-b', 'c-c'];
const CURRENCIES: Currency[] = ['CNY', 'USD', 'JPY'];
const PLATFORMS: Platform[] = ['alipay', 'tencent', 'stripe', 'jd'];
const NOW = new Date('2024-09-10T00:00:00Z');

/** mulberry32: a small seeded PRNG, so that a failing seed can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function shuffle<T>(random: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Donations with refunds that fit them, distinct instants, in various offsets. */
function generateStream(random: () => number, donations: number): DonationEventV1[] {
  const events: DonationEventV1[] = [];
  let instant = Date.parse('2024-09-09T00:00:00Z');
  const at = (): string => {
    instant += 1 + Math.floor(random() * 5000);
    return random() < 0.5 ? new Date(instant).toISOString() : shifted(instant);
  };
  for (let i = 0; i < donations; i += 1) {
    const campaignIndex = Math.floor(random() * CAMPAIGNS.length);
    const common = {
      campaignId: CAMPAIGNS[campaignIndex],
      charityId: CHARITIES[campaignIndex % 2],
      platform: pick(random, PLATFORMS),
      currency: pick(random, CURRENCIES),
      platformTxnId: `txn-${i}`,
    };
    const amount = 1 + Math.floor(random() * 10000);
    events.push(aDonationEvent({ ...common, amountMinor: amount, occurredAt: at() }));
    let left = amount;
    while (left > 0 && random() < 0.4) {
      const refund = 1 + Math.floor(random() * left);
      left -= refund;
      const refundId = `r-${i}-${left}`;
      events.push(aRefundEvent({ ...common, refundId, amountMinor: refund, occurredAt: at() }));
    }
  }
  return events;
}

function shifted(instant: number): string {
  const local = new Date(instant + 8 * 3600_000).toISOString().slice(0, -1);
  return `${local}+08:00`;
}

interface TxnState {
  donation: bigint | undefined;
  refunded: bigint;
  pending: DonationRefundedV1[];
}

/** The aggregator's flow, with the ledger and the state in memory. */
class Simulator {
  readonly ledger = new Set<string>();
  readonly txns = new Map<string, TxnState>();
  readonly campaigns = new Map<string, CampaignTotalsState>();
  readonly charities = new Map<string, CharityTotalsState>();
  readonly deadLetters: DonationEventV1[] = [];
  deltasApplied = 0;

  consume(batch: readonly DonationEventV1[]): void {
    const { newEvents } = foldBatch(batch, this.ledger);
    const counted: DonationEventV1[] = [];
    const reversed: DonationRefundedV1[] = [];
    for (const event of newEvents) {
      this.ledger.add(event.eventId);
      if (this.screen(event, reversed)) counted.push(event);
    }
    const { deltas } = foldBatch(counted, new Set(), reversed);
    for (const delta of deltas.campaigns.values()) {
      const next = applyDelta(this.campaigns.get(delta.campaignId), delta);
      expect(next.version).toBe((this.campaigns.get(delta.campaignId)?.version ?? 0) + 1);
      this.campaigns.set(delta.campaignId, next);
      this.deltasApplied += 1;
    }
    for (const delta of deltas.charities.values()) {
      this.charities.set(
        delta.charityId,
        applyCharityDelta(this.charities.get(delta.charityId), delta),
      );
    }
  }

  private screen(event: DonationEventV1, reversed: DonationRefundedV1[]): boolean {
    const key = transactionKey(event);
    const txn = this.txns.get(key) ?? { donation: undefined, refunded: 0n, pending: [] };
    this.txns.set(key, txn);
    const amount = BigInt(event.amountMinor);
    if (event.type === 'donation.completed') {
      const { kept, deadLetter } = recheckOnDonation(amount, txn.pending);
      reversed.push(...deadLetter);
      this.deadLetters.push(...deadLetter);
      Object.assign(txn, { donation: amount, pending: [] });
      txn.refunded = kept.reduce((sum, refund) => sum + BigInt(refund.amountMinor), 0n);
      return true;
    }
    const decision = decideRefund(txn.donation, txn.refunded, amount);
    if (decision.verdict === 'reject') {
      this.deadLetters.push(event);
      return false;
    }
    txn.refunded += amount;
    if (decision.pending) txn.pending.push(event);
    return true;
  }
}

/** Consumes the stream in random batches, with random redeliveries. */
function runShuffled(stream: readonly DonationEventV1[], seed: number): Simulator {
  const random = prng(seed);
  const delivered = shuffle(random, [...stream, ...stream.filter(() => random() < 0.2)]);
  const simulator = new Simulator();
  for (let i = 0; i < delivered.length;) {
    const size = 1 + Math.floor(random() * 40);
    simulator.consume(delivered.slice(i, i + size));
    i += size;
  }
  return simulator;
}

interface Truth {
  totals: TotalsByCurrency;
  firstEventAt: string;
  lastEventAt: string;
}

/** Ground truth straight from the distinct events, with number arithmetic. */
function groundTruth(events: readonly DonationEventV1[]): Truth {
  const totals: TotalsByCurrency = {};
  for (const e of events) {
    const cur = (totals[e.currency] ??= {
      ...{ raisedMinor: 0, refundedMinor: 0, netMinor: 0, donationCount: 0, refundCount: 0 },
      byPlatform: {},
    });
    const share = (cur.byPlatform[e.platform] ??= {
      ...{ raisedMinor: 0, refundedMinor: 0, donationCount: 0, refundCount: 0 },
    });
    const donation = e.type === 'donation.completed';
    for (const target of [cur, share]) {
      target[donation ? 'raisedMinor' : 'refundedMinor'] += e.amountMinor;
      target[donation ? 'donationCount' : 'refundCount'] += 1;
    }
    cur.netMinor += donation ? e.amountMinor : -e.amountMinor;
  }
  const byTime = [...events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  return { totals, firstEventAt: byTime[0].occurredAt, lastEventAt: byTime.at(-1)!.occurredAt };
}

function campaignView(simulator: Simulator, campaignId: string): Truth {
  const message = toCampaignTotalsMessage(simulator.campaigns.get(campaignId)!, NOW);
  expect(CampaignTotalsV1Schema.safeParse(message).success).toBe(true);
  return {
    totals: message.totals,
    firstEventAt: message.firstEventAt,
    lastEventAt: message.lastEventAt,
  };
}

function charityView(simulator: Simulator, charityId: string): Truth {
  const campaignCount = 2;
  const message = toCharityRollupMessage(simulator.charities.get(charityId)!, campaignCount, NOW);
  expect(CharityRollupV1Schema.safeParse(message).success).toBe(true);
  return {
    totals: message.totals,
    firstEventAt: message.firstEventAt,
    lastEventAt: message.lastEventAt,
  };
}

describe('totals whatever the order and the redeliveries', () => {
  const stream = generateStream(prng(20240909), 300);

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'match an independent ground truth for shuffle seed %d',
    (seed) => {
      const simulator = runShuffled(stream, seed);
      expect(simulator.deadLetters).toEqual([]);
      for (const campaignId of CAMPAIGNS) {
        const truth = groundTruth(stream.filter((e) => e.campaignId === campaignId));
        expect(campaignView(simulator, campaignId)).toEqual(truth);
      }
      for (const charityId of CHARITIES) {
        const truth = groundTruth(stream.filter((e) => e.charityId === charityId));
        expect(charityView(simulator, charityId)).toEqual(truth);
      }
    },
  );

  it('counts refund before donation the same as donation then refund', () => {
    const donation = aDonationEvent({ amountMinor: 1000 });
    const refund = aRefundEvent({ platformTxnId: donation.platformTxnId, amountMinor: 400 });
    const inOrder = new Simulator();
    inOrder.consume([donation]);
    inOrder.consume([refund]);
    const reversed = new Simulator();
    reversed.consume([refund]);
    reversed.consume([donation]);
    expect(campaignView(reversed, 'campaign-1')).toEqual(campaignView(inOrder, 'campaign-1'));
    expect(campaignView(inOrder, 'campaign-1').totals.CNY?.netMinor).toBe(600);
  });

  it('dead-letters a refund larger than its donation in either order, with the same totals', () => {
    const donation = aDonationEvent({ amountMinor: 1000 });
    const refund = aRefundEvent({ platformTxnId: donation.platformTxnId, amountMinor: 1001 });
    const inOrder = new Simulator();
    inOrder.consume([donation, refund]);
    const reversed = new Simulator();
    reversed.consume([refund]);
    expect(campaignView(reversed, 'campaign-1').totals.CNY?.netMinor).toBe(-1001);
    reversed.consume([donation]);
    expect(inOrder.deadLetters).toEqual([refund]);
    expect(reversed.deadLetters).toEqual([refund]);
    const expected = groundTruth([donation]);
    expect(campaignView(inOrder, 'campaign-1').totals).toEqual(expected.totals);
    expect(campaignView(reversed, 'campaign-1').totals).toEqual(expected.totals);
  });
});
