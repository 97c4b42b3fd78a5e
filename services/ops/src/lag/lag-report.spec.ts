import { committedOffsets, describeLag, foldLag } from './lag-report';
import { generationPrefix, splitOffsetsKey, StoredOffsets } from './stored-offsets';

const stored = (group: string, store: StoredOffsets['store'], applied: [number, string][]) => ({
  group,
  store,
  topic: 'donations.normalized.v1',
  applied: new Map(applied),
});

describe('ops lag report', () => {
  const ends = [
    { partition: 0, low: '0', high: '10' },
    { partition: 1, low: '0', high: '7' },
  ];

  it('folds each group into its partitions, with the committed offset beside the applied one', () => {
    const groups = foldLag(
      [
        stored('statistics', 'redis', [[0, '10']]),
        stored('aggregator', 'postgresql', [
          [0, '10'],
          [1, '4'],
        ]),
      ],
      (entry) => ({
        ends,
        committed: new Map<number, string>(entry.group === 'aggregator' ? [[0, '10']] : []),
      }),
    );
    expect(groups).toEqual([
      {
        group: 'aggregator',
        store: 'postgresql',
        lag: 3,
        partitions: [
          {
            topic: 'donations.normalized.v1',
            partition: 0,
            applied: '10',
            logEnd: '10',
            lag: 0,
            committed: '10',
          },
          {
            topic: 'donations.normalized.v1',
            partition: 1,
            applied: '4',
            logEnd: '7',
            lag: 3,
            committed: null,
          },
        ],
      },
      expect.objectContaining({ group: 'statistics', lag: 7 }),
    ]);
  });

  it('adds up a group over its topics', () => {
    const groups = foldLag(
      [
        stored('g', 'redis', [[0, '5']]),
        { ...stored('g', 'redis', []), topic: 'donations.counted.v1' },
      ],
      () => ({ ends: [{ partition: 0, low: '0', high: '6' }], committed: new Map() }),
    );
    expect(groups).toHaveLength(1);
    expect(groups[0].lag).toBe(1 + 6);
  });

  it('reads kafkajs committed offsets, -1 meaning none', () => {
    expect(
      committedOffsets([
        { partition: 0, offset: '-1' },
        { partition: 1, offset: '12' },
      ]),
    ).toEqual(new Map([[1, '12']]));
  });

  it('splits a statistics offsets key at its last colon (group ids may hold colons)', () => {
    expect(splitOffsetsKey('stats:a:b:donations.counted.v1')).toEqual([
      'stats:a:b',
      'donations.counted.v1',
    ]);
  });

  it("names the statistics generations' key prefixes as the service does", () => {
    expect(generationPrefix(0)).toBe('stats:');
    expect(generationPrefix(3)).toBe('stats:g3:');
  });

  it('prints a table without the empty partitions, each group total, and the stores it could not read', () => {
    const text = describeLag({
      groups: foldLag([stored('aggregator', 'postgresql', [[0, '8']])], () => ({
        ends: [
          { partition: 0, low: '0', high: '10' },
          { partition: 1, low: '0', high: '0' },
        ],
        committed: new Map([[0, '8']]),
      })),
      notRead: [{ store: 'redis', reason: 'REDIS_URL is not set' }],
    });
    expect(text.split('\n')).toEqual([
      'GROUP       STORE       TOPIC                    PARTITION  APPLIED  LOG END  LAG  COMMITTED',
      'aggregator  postgresql  donations.normalized.v1  0          8        10       2    8',
      'aggregator: lag 2 (1 empty partitions not shown)',
      'redis not read: REDIS_URL is not set',
    ]);
  });
});
