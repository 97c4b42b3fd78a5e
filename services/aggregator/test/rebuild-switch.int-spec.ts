import { setTimeout as pause } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import {
  aDonationEvent,
  aRefundEvent,
  CampaignTotalsV1,
  DeadLetter,
  DonationCountedV1,
  DonationEventV1,
  TOPICS,
} from '@donations/contracts';
import { TopicCollector, uniqueSuffix, waitFor } from '@donations/testing';
import { countersOf, latestPerKey, postgresCounters, readFromBeginning } from './aggregate-log';
import { AggregatorFixture, CHARITY_A, refundOf } from './aggregator.fixture';
import { totalsOf } from './aggregator-state.reader';
import { countedEvents, fenced, firstOccurrences, sourceOf } from './counted-log';
import { groundTruth } from './totals.ground-truth';
import type { RebuildView } from '../src/rebuild/rebuild.views';

/**
 * The rebuild's switch loses nothing: every round of traffic goes to a campaign of its own, with
 * a refund larger than its donation (dead-lettered). Rounds run before, during and after the
 * switch; whichever consumer applies a round, its campaign's state reaches
 * aggregates.campaign-totals.v1 and its dead letter donations.dlq. Bound: about 40 s.
 */
describe('the rebuild switch and the traffic around it', () => {
  let fixture: AggregatorFixture;
  let dlq: TopicCollector<DeadLetter>;
  const published: DonationEventV1[] = [];
  const exceeding: { eventId: string; round: number }[] = [];

  beforeAll(async () => {
    // The switch is tried at once and again every 500 ms while traffic keeps arriving.
    fixture = await AggregatorFixture.create({ REBUILD_SWITCH_LAG: '1000000' });
    dlq = await TopicCollector.start<DeadLetter>(fixture.kafka, TOPICS.dlq, fixture.prefix);
  });

  afterAll(async () => {
    await dlq?.stop();
    await fixture?.close();
  });

  async function rebuildState(generation: number): Promise<RebuildView> {
    if (!fixture.app) throw new Error('the aggregator is not running');
    const answer = await fixture.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: generation < 0 ? 'POST' : 'GET',
        url: generation < 0 ? '/rebuilds' : `/rebuilds/${generation}`,
        headers: { authorization: `Bearer ${fixture.config.OPERATOR_TOKEN}` },
      });
    return JSON.parse(answer.body) as RebuildView;
  }

  /** A round: a campaign no earlier round touched, two donations, a refund exceeding one. */
  async function publishRound(round: number): Promise<void> {
    const campaignId = `campaign-r${round}-${uniqueSuffix()}`;
    const donations = [100, 200].map((amountMinor) =>
      aDonationEvent({ campaignId, charityId: CHARITY_A, amountMinor }),
    );
    const refund = aRefundEvent({ ...refundOf(donations[0]), amountMinor: 150 });
    await fixture.publish([...donations, refund]);
    published.push(...donations);
    exceeding.push({ eventId: refund.eventId, round });
  }

  it('publishes the totals and the dead letters of every campaign, whichever side of the switch', async () => {
    await fixture.startApp();
    const history = Array.from({ length: 6_000 }, (_, index) => fixture.anEvent(index));
    for (let start = 0; start < history.length; start += 1_000) {
      await fixture.publish(history.slice(start, start + 1_000));
    }
    published.push(...history);
    await fixture.waitUntilConsumed();

    let round = 0;
    let roundsAfterSwitch = 0;
    let switched = false;
    const traffic = (async () => {
      while (roundsAfterSwitch < 40) {
        await publishRound(round);
        round += 1;
        if (switched) roundsAfterSwitch += 1;
        await pause(5);
      }
    })();
    const { generation } = await rebuildState(-1);
    await waitFor(async () => (await rebuildState(generation)).state === 'active', {
      timeoutMs: 60_000,
      description: 'the rebuilt generation switched in',
    });
    const roundsBeforeSwitch = round;
    switched = true;
    await traffic;
    expect(round).toBeGreaterThan(roundsBeforeSwitch);

    await fixture.waitUntilConsumed();
    await waitFor(
      async () => {
        const { rows } = await fixture.client.query<{ n: string }>(
          'SELECT count(*) AS n FROM aggregate_outbox',
        );
        return rows[0].n === '0';
      },
      { description: 'an empty aggregate outbox' },
    );
    const schema = await fixture.activeSchema();
    expect(schema).toBe(`${fixture.schema.schema}_g1`);
    await fixture.client.query(`SET search_path TO "${schema}", "${fixture.schema.schema}"`);
    const stored = await postgresCounters(fixture.client, 'campaign_totals');
    const log = await readFromBeginning<CampaignTotalsV1>(
      fixture.kafka,
      TOPICS.campaignTotals,
      fixture.prefix,
    );
    const onTopic = countersOf(latestPerKey(log).latest);
    const notOnTopic = [...stored]
      .filter(([key, row]) => !isDeepStrictEqual(onTopic.get(key), row))
      .map(([key]) => key.split('-')[1]);
    const lostLetters = await waitFor(() => lostDeadLetters() === '' || undefined, {
      timeoutMs: 10_000,
      description: 'a dead letter for every refund exceeding its donation',
    }).then(
      () => '',
      () => lostDeadLetters(),
    );
    // Rounds r<n> with n >= roundsBeforeSwitch ran after the switch.
    expect({ roundsBeforeSwitch, notOnTopic: notOnTopic.join(' '), lostLetters }).toEqual({
      roundsBeforeSwitch,
      notOnTopic: '',
      lostLetters: '',
    });
    expect(onTopic.size).toBe(stored.size);
    await expectOneDecisionPerEvent();
  });

  /**
   * donations.counted.v1 across the switch: one decision for every first occurrence of an event,
   * none twice (what the live consumers published before the switch, what the rebuild read ahead
   * of them, what the new generation's live consumers publish), and the rebuilt totals are its
   * fold (both generations decide alike here).
   */
  async function expectOneDecisionPerEvent(): Promise<void> {
    await waitFor(
      async () => {
        const { rows } = await fixture.client.query<{ n: string }>(
          'SELECT count(*) AS n FROM counted_outbox',
        );
        return rows[0].n === '0';
      },
      { description: 'an empty counted outbox' },
    );
    const counted = fenced(
      await readFromBeginning<DonationCountedV1>(
        fixture.kafka,
        TOPICS.donationsCounted,
        fixture.prefix,
      ),
    );
    const normalized = await readFromBeginning<DonationEventV1>(
      fixture.kafka,
      TOPICS.donationsNormalized,
      fixture.prefix,
    );
    expect({
      misplaced: counted.misplaced.length,
      twice: counted.dropped.map(sourceOf),
    }).toEqual({ misplaced: 0, twice: [] });
    const missing = new Set(firstOccurrences(normalized));
    counted.applied.forEach((message) => missing.delete(sourceOf(message)));
    expect({ missing: [...missing], decisions: counted.applied.length }).toEqual({
      missing: [],
      decisions: normalized.length,
    });
    expect(await totalsOf(fixture.client, 'campaign_totals')).toEqual(
      groundTruth(countedEvents(counted.applied), (event) => event.campaignId),
    );
  }

  /** The rounds (r<n>) whose refund exceeding its donation is not on donations.dlq. */
  function lostDeadLetters(): string {
    const lettered = new Set(
      dlq
        .values()
        .filter((letter) => letter.reason === 'AGGREGATE.REFUND_EXCEEDS_DONATION')
        .map((letter) => {
          const bytes = Buffer.from(letter.originalValueBase64, 'base64').toString();
          return (JSON.parse(bytes) as { eventId: string }).eventId;
        }),
    );
    return exceeding
      .filter(({ eventId }) => !lettered.has(eventId))
      .map(({ round }) => `r${round}`)
      .join(' ');
  }
});
