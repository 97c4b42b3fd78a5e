import { TOPICS } from '@donations/contracts';
import {
  aCampaignTotals,
  aCharityRollup,
  aMinute,
  anOverview,
  CHARITY_IDS,
  currencyTotals,
} from '../../test/feed.builders';
import { decodeFeedMessage, FeedTopic } from './feed-record';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const message = (key: string | null, value: Buffer | null) => ({
  key: key === null ? null : Buffer.from(key),
  value,
});
const totals = { CNY: currencyTotals({ raisedMinor: 100, donationCount: 1 }) };

describe('decodeFeedMessage', () => {
  it.each([
    [TOPICS.campaignTotals, 'campaign-1', aCampaignTotals('campaign-1', 1, totals), 'campaign'],
    [
      TOPICS.charityRollups,
      CHARITY_IDS[0],
      aCharityRollup(CHARITY_IDS[0], 1, 1, totals),
      'charity',
    ],
    [TOPICS.statsOverview, 'global', anOverview(1, 4), 'overview'],
    [TOPICS.statsTimeseries, 'global', aMinute('2024-09-09T02:00:00.000Z', 1, 4), 'minute'],
  ] as const)('reads a valid message of %s', (topic: FeedTopic, key, value, kind) => {
    expect(decodeFeedMessage(topic, message(key, json(value)))).toEqual({
      ok: true,
      record: { kind, value },
    });
  });

  it('rejects bytes that are not JSON', () => {
    expect(decodeFeedMessage(TOPICS.campaignTotals, message('c', Buffer.from('{nope')))).toEqual({
      ok: false,
      reason: 'NOT_JSON',
    });
  });

  it('rejects a message of another topic or a broken contract', () => {
    const overviewOnTotals = message('global', json(anOverview(1, 4)));
    expect(decodeFeedMessage(TOPICS.campaignTotals, overviewOnTotals)).toEqual({
      ok: false,
      reason: 'SCHEMA_INVALID',
    });
    const badNet = aCampaignTotals('c', 1, totals);
    badNet.totals.CNY!.netMinor += 1;
    expect(decodeFeedMessage(TOPICS.campaignTotals, message('c', json(badNet)))).toMatchObject({
      reason: 'SCHEMA_INVALID',
    });
  });

  it('rejects a message whose key is not the id it carries, or that has no key', () => {
    const value = json(aCampaignTotals('campaign-1', 1, totals));
    expect(decodeFeedMessage(TOPICS.campaignTotals, message('campaign-2', value))).toMatchObject({
      reason: 'KEY_MISMATCH',
    });
    expect(decodeFeedMessage(TOPICS.campaignTotals, message(null, value))).toMatchObject({
      reason: 'NO_KEY',
    });
  });

  it('reads a tombstone of a compacted topic, not of the timeseries', () => {
    expect(decodeFeedMessage(TOPICS.charityRollups, message(CHARITY_IDS[1], null))).toEqual({
      ok: true,
      record: { kind: 'tombstone', topic: TOPICS.charityRollups, key: CHARITY_IDS[1] },
    });
    expect(decodeFeedMessage(TOPICS.statsTimeseries, message('global', null))).toMatchObject({
      reason: 'UNEXPECTED_TOMBSTONE',
    });
  });
});
