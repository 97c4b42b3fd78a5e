import { TOPICS, TopicName } from '@donations/contracts';

/** One ACL as a KafkaUser (kafka.strimzi.io/v1) writes it. */
export interface Acl {
  resource: { type: 'topic' | 'group'; name: string; patternType: 'literal' | 'prefix' };
  operations: string[];
}

/** The consumer groups of the services, as their settings in the rendered Deployments say. */
export interface Groups {
  aggregator: string;
  statistics: string;
  dashboardPrefix: string;
  /** The groups whose lag the dashboard reads (DASHBOARD_LAG_GROUPS). */
  dashboardLag: string[];
}

const topic = (name: TopicName, operations: string[]): Acl => ({
  resource: { type: 'topic', name, patternType: 'literal' },
  operations,
});
const group = (name: string, operations: string[], patternType: 'literal' | 'prefix'): Acl => ({
  resource: { type: 'group', name, patternType },
  operations,
});

/** Every adapter (libs/adapter-kit webhook-pipeline): raw and normalised events, dead letters. */
const ADAPTER: Acl[] = [
  topic(TOPICS.donationsRaw, ['Write']),
  topic(TOPICS.donationsNormalized, ['Write']),
  topic(TOPICS.dlq, ['Write']),
];

/**
 * What each service reads and writes, from the code: the consumers' @BatchPattern topics, the
 * producers' sends, the dashboard's FEED_TOPICS and pipeline monitor (topic ends of the DLQ and
 * the events, offsets of the lag groups), `ops topics` (createTopics, partition check). A
 * rebuild reads in a group named after the live one (`<group>.rebuild.g<n>`): a prefix ACL.
 */
export function expectedAcls(groups: Groups): Record<string, Acl[]> {
  return {
    'adapter-alipay': ADAPTER,
    'adapter-tencent': ADAPTER,
    'adapter-stripe': ADAPTER,
    'adapter-shuidi': ADAPTER,
    'adapter-jd': ADAPTER,
    aggregator: [
      topic(TOPICS.donationsNormalized, ['Read']),
      topic(TOPICS.donationsCounted, ['Write']),
      topic(TOPICS.campaignTotals, ['Write']),
      topic(TOPICS.charityRollups, ['Write']),
      topic(TOPICS.dlq, ['Write']),
      group(groups.aggregator, ['Read'], 'prefix'),
    ],
    statistics: [
      topic(TOPICS.donationsCounted, ['Read']),
      topic(TOPICS.statsOverview, ['Write']),
      topic(TOPICS.statsTimeseries, ['Write']),
      topic(TOPICS.dlq, ['Write']),
      group(groups.statistics, ['Read'], 'prefix'),
    ],
    dashboard: [
      topic(TOPICS.campaignTotals, ['Read']),
      topic(TOPICS.charityRollups, ['Read']),
      topic(TOPICS.statsOverview, ['Read']),
      topic(TOPICS.statsTimeseries, ['Read']),
      topic(TOPICS.dlq, ['Describe']),
      topic(TOPICS.donationsNormalized, ['Describe']),
      group(groups.dashboardPrefix, ['Read'], 'prefix'),
      ...groups.dashboardLag.map((name) => group(name, ['Describe'], 'literal')),
    ],
    ops: (Object.values(TOPICS) as TopicName[]).map((name) => topic(name, ['Create', 'Describe'])),
  };
}
