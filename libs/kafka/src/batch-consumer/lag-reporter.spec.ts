import type { Admin } from 'kafkajs';
import { TOPICS } from '@donations/contracts';
import type { OffsetStore } from './batch-consumer.types';
import { ConsumerMetrics, LagReporter } from './lag-reporter';

function reporterWith(store: OffsetStore, admin: Pick<Admin, 'fetchTopicOffsets'>) {
  const lags = new Map<string, number>();
  const applied: [string, number][] = [];
  const failures: unknown[] = [];
  const metrics: ConsumerMetrics = {
    applied: (group, topic, events) => applied.push([`${group}/${topic}`, events]),
    lag: (group, topic, partition, lag) => lags.set(`${group}/${topic}/${partition}`, lag),
  };
  const reporter = new LagReporter({
    metrics,
    groupId: 'g',
    store,
    admin: admin as Admin,
    topics: [{ kafkaTopic: `p.${TOPICS.donationsNormalized}`, topic: TOPICS.donationsNormalized }],
    refreshMs: 60_000,
    onRefreshFailed: (error) => failures.push(error),
  });
  return { reporter, lags, applied, failures };
}

const T = TOPICS.donationsNormalized;

describe('LagReporter', () => {
  const ends = [
    { partition: 0, low: '0', high: '9', offset: '9' },
    { partition: 1, low: '3', high: '5', offset: '5' },
  ];

  it('sets every partition of the topic from the stored offsets and the log ends', async () => {
    const loaded: number[][] = [];
    const store: OffsetStore = {
      load: (_group, _topic, partitions) => {
        loaded.push(partitions);
        return Promise.resolve(new Map([[0, '6']]));
      },
    };
    const { reporter, lags } = reporterWith(store, {
      fetchTopicOffsets: () => Promise.resolve(ends),
    });
    await reporter.refresh();
    expect(loaded).toEqual([[0, 1]]);
    expect(lags).toEqual(
      new Map([
        [`g/${T}/0`, 3],
        [`g/${T}/1`, 2],
      ]),
    );
  });

  it('after a batch: counts its events and sets its partition from the high watermark', () => {
    const { reporter, lags, applied } = reporterWith(
      { load: () => Promise.resolve(new Map()) },
      { fetchTopicOffsets: () => Promise.resolve([]) },
    );
    reporter.batchApplied({ topic: T, partition: 1, nextOffset: '40', messages: [1, 2, 3] }, '45');
    expect(applied).toEqual([[`g/${T}`, 3]]);
    expect(lags.get(`g/${T}/1`)).toBe(5);
  });

  it('reports a failed refresh and keeps the last figures', async () => {
    const { reporter, lags, failures } = reporterWith(
      { load: () => Promise.reject(new Error('store down')) },
      { fetchTopicOffsets: () => Promise.resolve(ends) },
    );
    reporter.batchApplied({ topic: T, partition: 0, nextOffset: '9', messages: [1] }, '9');
    await reporter.refresh();
    expect(failures).toEqual([new Error('store down')]);
    expect(lags).toEqual(new Map([[`g/${T}/0`, 0]]));
  });
});
