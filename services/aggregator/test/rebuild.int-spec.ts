import { setTimeout as delay } from 'node:timers/promises';
import { aRefundEvent, CampaignTotalsV1, DonationEventV1, TOPICS } from '@donations/contracts';
import { waitFor } from '@donations/testing';
import type { CampaignView } from '../src/queries/queries.views';
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
    // The switch is tried at once, with the generation still far behind the live consumers: only
    // its catch-up under the held live consumers keeps every answer right across the switch.
    fixture = await AggregatorFixture.create({ REBUILD_SWITCH_LAG: '1000000' });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  /** A request to the app; operators' requests carry the fixture's OPERATOR_TOKEN unless told. */
  async function http(
    method: 'GET' | 'POST',
    url: string,
    authorization = `Bearer ${fixture.config.OPERATOR_TOKEN}`,
  ): Promise<HttpAnswer> {
    if (!fixture.app) throw new Error('the aggregator is not running');
    const answer = await fixture.app
      .getHttpAdapter()
      .getInstance()
      .inject({ method, url, headers: { authorization } });
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

  /** Enough history that the rebuild takes a while to read it: 20,000 donations. */
  async function publishHistory(): Promise<void> {
    for (let chunk = 0; chunk < 10; chunk += 1) {
      const events = Array.from({ length: 2_000 }, (_, index) =>
        fixture.anEvent(100_000 + chunk * 2_000 + index),
      );
      await fixture.publish(events);
      published.push(...events);
    }
  }

  /** The campaign's donations over every currency, as GET /campaigns/:id answers them. */
  function donationCountOf(answer: HttpAnswer): number {
    const view = JSON.parse(answer.body) as CampaignView;
    return Object.values(view.totals).reduce((sum, total) => sum + Number(total.donationCount), 0);
  }

  it('rebuilds a damaged projection from offset 0, serves throughout, and switches in one step', async () => {
    await fixture.startApp();
    await publishHistory();
    for (let round = 0; round < 5; round += 1) await publishRound(round);
    await fixture.waitUntilConsumed();
    const campaign = fixture.campaigns[0];
    const countedBefore = [...groundTruth(published, (event) => event.campaignId)]
      .filter(([key]) => key.startsWith(`${campaign}|`))
      .reduce((sum, [, row]) => sum + Number(row.donation_count), 0);
    // A projection gone wrong (a batch applied twice, a bad manual fix): only a rebuild from the
    // log repairs it. It counts too much, so any answer below what was counted before the
    // rebuild can only come from a rebuilt generation switched in before it had caught up.
    await fixture.client.query(
      'UPDATE campaign_totals SET raised_minor = raised_minor * 2, donation_count = donation_count * 2',
    );

    const answers: HttpAnswer[] = [];
    let keepGoing = true;
    const traffic = (async () => {
      for (let round = 5; keepGoing; round += 1) {
        await publishRound(round);
        answers.push(await http('GET', `/campaigns/${campaign}`));
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
    expect(answers.map(({ statusCode }) => statusCode).filter((status) => status !== 200)).toEqual(
      [],
    );
    expect(answers.map(donationCountOf).filter((count) => count < countedBefore)).toEqual([]);
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

  it('refuses to start a rebuild without the operator token, with 401 and a code', async () => {
    const before = JSON.parse((await http('GET', '/rebuilds')).body) as RebuildView[];
    for (const authorization of ['', 'Bearer not-the-operator-token']) {
      const answer = await http('POST', '/rebuilds', authorization);
      expect(answer.statusCode).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'AGGREGATE.UNAUTHORIZED' });
    }
    expect(JSON.parse((await http('GET', '/rebuilds')).body)).toEqual(before);
  });

  it('answers 404 with a code for a generation that does not exist', async () => {
    const answer = await http('GET', '/rebuilds/99');
    expect(answer.statusCode).toBe(404);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'AGGREGATE.NOT_FOUND' });
  });
});
