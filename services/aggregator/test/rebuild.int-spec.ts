import { setTimeout as delay } from 'node:timers/promises';
import { aRefundEvent, CampaignTotalsV1, DonationEventV1, TOPICS } from '@donations/contracts';
import { waitFor } from '@donations/testing';
import type { RebuildView } from '../src/rebuild/rebuild.views';
import { readFromBeginning } from './aggregate-log';
import { AggregatorFixture, refundOf } from './aggregator.fixture';
import { totalsOf } from './aggregator-state.reader';
import { groundTruth } from './totals.ground-truth';

interface HttpAnswer {
  statusCode: number;
  body: string;
}

describe('rebuilding the totals into a fresh generation while events keep arriving', () => {
  let fixture: AggregatorFixture;
  const published: DonationEventV1[] = [];

  beforeAll(async () => {
    fixture = await AggregatorFixture.create();
  });

  afterAll(async () => {
    await fixture?.close();
  });

  async function http(method: 'GET' | 'POST', url: string): Promise<HttpAnswer> {
    if (!fixture.app) throw new Error('the aggregator is not running');
    const answer = await fixture.app.getHttpAdapter().getInstance().inject({ method, url });
    return { statusCode: answer.statusCode, body: answer.body };
  }

  /** Donations over the fixture's campaigns, a duplicate, and a refund before its donation. */
  async function publishRound(round: number): Promise<void> {
    const donations = Array.from({ length: 40 }, (_, index) => fixture.anEvent(round * 40 + index));
    const refund = aRefundEvent({ ...refundOf(donations[5]), amountMinor: 30 });
    const events = [refund, ...donations, donations[0]];
    await fixture.publish(events);
    published.push(...events);
  }

  it('rebuilds a damaged projection from offset 0, serves throughout, and switches in one step', async () => {
    await fixture.startApp();
    for (let round = 0; round < 5; round += 1) await publishRound(round);
    await fixture.waitUntilConsumed();
    // A projection gone wrong (a bug, a bad manual fix): only a rebuild from the log repairs it.
    await fixture.client.query('UPDATE campaign_totals SET raised_minor = 0, donation_count = 0');

    const answers: number[] = [];
    let keepGoing = true;
    const traffic = (async () => {
      for (let round = 5; keepGoing; round += 1) {
        await publishRound(round);
        answers.push((await http('GET', `/campaigns/${fixture.campaigns[0]}`)).statusCode);
        await delay(20);
      }
    })();

    const started = await http('POST', '/rebuilds');
    expect(started.statusCode).toBe(202);
    const generation = (JSON.parse(started.body) as RebuildView).generation;
    expect(generation).toBe(1);
    const answersBeforeSwitch = await waitFor(
      async () => {
        const view = JSON.parse((await http('GET', `/rebuilds/${generation}`)).body) as RebuildView;
        expect(view.failure).toBeNull();
        return view.state === 'active' ? answers.length : undefined;
      },
      { description: 'the rebuilt generation switched in' },
    );
    await waitFor(() => answers.length > answersBeforeSwitch + 3, {
      description: 'traffic after the switch',
    });
    keepGoing = false;
    await traffic;
    await fixture.waitUntilConsumed();

    const schema = await fixture.activeSchema();
    expect(schema).toBe(`${fixture.schema.schema}_g1`);
    expect(await totalsOf(fixture.client, 'campaign_totals', { schema })).toEqual(
      groundTruth(published, (event) => event.campaignId),
    );
    expect(await totalsOf(fixture.client, 'charity_totals', { schema })).toEqual(
      groundTruth(published, (event) => event.charityId),
    );
    expect(answers.length).toBeGreaterThan(answersBeforeSwitch);
    expect(answers.filter((status) => status !== 200)).toEqual([]);
    const generations = JSON.parse((await http('GET', '/rebuilds')).body) as RebuildView[];
    expect(generations.map(({ generation: n, state }) => [n, state])).toEqual([
      [0, 'retired'],
      [1, 'active'],
    ]);

    await waitFor(
      async () => {
        const { rows } = await fixture.client.query<{ n: string }>(
          'SELECT count(*) AS n FROM aggregate_outbox',
        );
        return rows[0].n === '0';
      },
      { description: 'an empty aggregate outbox' },
    );
    const messages = await readFromBeginning<CampaignTotalsV1>(
      fixture.kafka,
      TOPICS.campaignTotals,
      fixture.prefix,
    );
    const latest = new Map<string, CampaignTotalsV1>();
    for (const { key, value } of messages) {
      expect(value.version).toBeGreaterThan(latest.get(key ?? '')?.version ?? 0);
      latest.set(key ?? '', value);
    }
    const expected = groundTruth(published, (event) => event.campaignId);
    const onTopic = new Map(
      [...latest.values()].flatMap((message) =>
        Object.entries(message.totals).map(([currency, total]) => [
          `${message.campaignId}|${currency}`,
          { raised: String(total?.raisedMinor), donations: String(total?.donationCount) },
        ]),
      ),
    );
    expect(onTopic).toEqual(
      new Map(
        [...expected].map(([key, row]) => [
          key,
          { raised: row.raised_minor, donations: row.donation_count },
        ]),
      ),
    );
  });

  it('answers 404 with a code for a generation that does not exist', async () => {
    const answer = await http('GET', '/rebuilds/99');
    expect(answer.statusCode).toBe(404);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'AGGREGATE.NOT_FOUND' });
  });
});
