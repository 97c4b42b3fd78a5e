import { aDonationEvent } from './testing/donation-event.builder';
import {
  parseTopicPayload,
  TOPIC_SCHEMAS,
  TOPIC_SPECS,
  TOPICS,
  TopicName,
  TopicPayloads,
  topicName,
  topicSet,
} from './topics';

/** Stands in for a typed producer: the payload type follows the topic. */
function publish<T extends TopicName>(topic: T, payload: TopicPayloads[T]): [T, unknown] {
  return [topic, payload];
}

describe('topics', () => {
  it('names the eight topics of the design', () => {
    expect(Object.values(TOPICS).sort()).toEqual([
      'aggregates.campaign-totals.v1',
      'aggregates.charity-rollups.v1',
      'donations.counted.v1',
      'donations.dlq',
      'donations.normalized.v1',
      'donations.raw',
      'stats.overview.v1',
      'stats.timeseries.v1',
    ]);
  });

  it('has a schema and a spec for every topic', () => {
    expect(Object.keys(TOPIC_SCHEMAS).sort()).toEqual(Object.values(TOPICS).sort());
    expect(Object.keys(TOPIC_SPECS).sort()).toEqual(Object.values(TOPICS).sort());
  });

  it('gives donations.counted.v1 the partitions of donations.normalized.v1 (source partition)', () => {
    expect(TOPIC_SPECS[TOPICS.donationsCounted].partitions).toBe(
      TOPIC_SPECS[TOPICS.donationsNormalized].partitions,
    );
  });

  it('creates the partitions and cleanup policies of the design', () => {
    expect(TOPIC_SPECS[TOPICS.donationsNormalized]).toMatchObject({
      partitions: 12,
      cleanupPolicy: 'delete',
      retentionMs: -1,
    });
    expect(TOPIC_SPECS[TOPICS.donationsRaw]).toMatchObject({ partitions: 12, retentionMs: -1 });
    expect(TOPIC_SPECS[TOPICS.dlq]).toMatchObject({ partitions: 3, retentionMs: 2_592_000_000 });
    expect(TOPIC_SPECS[TOPICS.campaignTotals]).toMatchObject({
      partitions: 12,
      cleanupPolicy: 'compact',
    });
    expect(TOPIC_SPECS[TOPICS.charityRollups]).toMatchObject({
      partitions: 12,
      cleanupPolicy: 'compact',
    });
    expect(TOPIC_SPECS[TOPICS.statsOverview]).toMatchObject({
      partitions: 3,
      cleanupPolicy: 'compact',
    });
    expect(TOPIC_SPECS[TOPICS.statsTimeseries]).toMatchObject({
      partitions: 3,
      cleanupPolicy: 'delete',
      retentionMs: 2_592_000_000,
    });
  });

  it('keeps no retention on compacted topics', () => {
    for (const spec of Object.values(TOPIC_SPECS)) {
      if (spec.cleanupPolicy === 'compact') expect(spec.retentionMs).toBeUndefined();
    }
  });

  it('prefixes topic names for per-test isolation', () => {
    expect(topicName(TOPICS.donationsRaw, 't123.')).toBe('t123.donations.raw');
    expect(topicName(TOPICS.donationsRaw)).toBe('donations.raw');
  });

  it('builds the whole prefixed set', () => {
    const set = topicSet('t1.');
    expect(set.donationsNormalized).toBe('t1.donations.normalized.v1');
    expect(Object.keys(set)).toEqual(Object.keys(TOPICS));
    expect(topicSet()).toEqual(TOPICS);
  });

  it.each(['t 1.', 't/1', 'x'.repeat(201), 'тест.'])('rejects the prefix %p', (prefix) => {
    expect(() => topicName(TOPICS.dlq, prefix)).toThrow(/topic prefix/);
  });

  it('validates a payload by its topic', () => {
    const event = aDonationEvent();
    expect(parseTopicPayload(TOPICS.donationsNormalized, event)).toEqual({
      ok: true,
      value: event,
    });
    const result = parseTopicPayload(TOPICS.campaignTotals, event);
    expect(result.ok).toBe(false);
  });

  it('makes a payload on the wrong topic a compile error', () => {
    const event = aDonationEvent();
    expect(publish(TOPICS.donationsNormalized, event)[0]).toBe('donations.normalized.v1');
    // @ts-expect-error a donation event is not campaign totals
    publish(TOPICS.campaignTotals, event);
    // @ts-expect-error an unknown topic has no payload type
    publish('donations.normalised', event);
  });
});
