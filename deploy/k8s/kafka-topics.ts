import { TOPIC_SPECS, TopicName, TopicSpec } from '@donations/contracts';
import { minInsyncReplicas } from '@donations/kafka';

/** The Strimzi cluster the topics belong to (base/kafka.yaml). */
export const KAFKA_CLUSTER = 'donations';
/** Three copies, two of them in sync for an acks=all write (as `ops topics` makes them). */
export const TOPIC_REPLICAS = 3;

const HEADER = `# Generated from the topic map (libs/contracts/src/topics.ts) by deploy/k8s/generate-topics:
# edit the map, then run it again. The Topic Operator creates and keeps these topics.
`;

/** The broker config of one topic, as `ops topics` sets it (libs/kafka topic-admin). */
export function kafkaTopicConfig(spec: TopicSpec): Record<string, string | number> {
  return {
    'cleanup.policy': spec.cleanupPolicy,
    ...(spec.retentionMs === undefined ? {} : { 'retention.ms': spec.retentionMs }),
    'min.insync.replicas': minInsyncReplicas(TOPIC_REPLICAS),
  };
}

function kafkaTopic(name: TopicName, spec: TopicSpec): string {
  const config = Object.entries(kafkaTopicConfig(spec))
    .map(([key, value]) => `    ${key}: ${value}`)
    .join('\n');
  return `# Key: ${spec.keyDescription.replace(/\s+/g, ' ')}
apiVersion: kafka.strimzi.io/v1
kind: KafkaTopic
metadata:
  name: ${name}
  labels:
    strimzi.io/cluster: ${KAFKA_CLUSTER}
    app.kubernetes.io/part-of: donation-aggregator
spec:
  topicName: ${name}
  partitions: ${spec.partitions}
  replicas: ${TOPIC_REPLICAS}
  config:
${config}
`;
}

/** base/kafka-topics.yaml: a KafkaTopic per topic of the map, in the map's order. */
export function renderKafkaTopics(
  specs: Readonly<Record<TopicName, TopicSpec>> = TOPIC_SPECS,
): string {
  const topics = (Object.keys(specs) as TopicName[]).map((name) => kafkaTopic(name, specs[name]));
  return HEADER + topics.join('---\n');
}
