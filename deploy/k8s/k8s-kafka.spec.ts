import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPIC_SPECS, TopicName } from '@donations/contracts';
import { expectedAcls } from './kafka-access';
import { KAFKA_CLUSTER, renderKafkaTopics } from './kafka-topics';
import { Manifest, ofKind } from './rendered-manifests';
import { smallOverlay } from './small-overlay';
import { secretFileOf, settingsOf } from './workloads';

const { suite, manifests, workloads } = smallOverlay();

suite('Kafka in deploy/k8s/overlays/small (Strimzi)', () => {
  const inCluster = (m: Manifest) => m.metadata.labels?.['strimzi.io/cluster'] === KAFKA_CLUSTER;

  it('declares exactly the topics of the topic map, with its partitions, policies and retention', () => {
    const topics = ofKind(manifests, 'KafkaTopic');
    expect(topics.every(inCluster)).toBe(true);
    const declared = Object.fromEntries(
      topics.map((topic) => {
        const spec = topic.spec as {
          topicName: string;
          partitions: number;
          replicas: number;
          config: Record<string, string | number>;
        };
        return [spec.topicName, spec];
      }),
    );
    const expected = Object.fromEntries(
      (Object.keys(TOPIC_SPECS) as TopicName[]).map((name) => {
        const spec = TOPIC_SPECS[name];
        const config: Record<string, string | number> = {
          'cleanup.policy': spec.cleanupPolicy,
          'min.insync.replicas': 2,
        };
        if (spec.retentionMs !== undefined) config['retention.ms'] = spec.retentionMs;
        return [name, { topicName: name, partitions: spec.partitions, replicas: 3, config }];
      }),
    );
    expect(declared).toEqual(expected);
  });

  it('has the generated topics file as the generator writes it now', () => {
    const committed = readFileSync(join(__dirname, 'base', 'kafka-topics.yaml'), 'utf8');
    expect(committed).toBe(renderKafkaTopics());
  });

  it('runs KRaft node pools of at least three controllers and three brokers', () => {
    const pools = ofKind(manifests, 'KafkaNodePool').filter(inCluster);
    const nodes = (role: string) =>
      pools
        .map((pool) => pool.spec as { replicas: number; roles: string[] })
        .filter((spec) => spec.roles.includes(role))
        .reduce((sum, spec) => sum + spec.replicas, 0);
    expect(nodes('controller')).toBeGreaterThanOrEqual(3);
    expect(nodes('broker')).toBeGreaterThanOrEqual(3);
  });

  it('lets clients in only over TLS with SCRAM-SHA-512, on the port KAFKA_BROKERS names', () => {
    const [kafka] = ofKind(manifests, 'Kafka');
    expect(kafka.metadata.name).toBe(KAFKA_CLUSTER);
    const spec = (
      kafka.spec as { kafka: { listeners: Record<string, unknown>[]; authorization: unknown } }
    ).kafka;
    expect(spec.authorization).toEqual({ type: 'simple' });
    expect(spec.listeners).toEqual([
      expect.objectContaining({ tls: true, authentication: { type: 'scram-sha-512' } }),
    ]);
    for (const workload of workloads) {
      const settings = settingsOf(workload.pod.containers[0], manifests);
      expect(settings.get('KAFKA_BROKERS')).toBe(
        `${KAFKA_CLUSTER}-kafka-bootstrap:${String(spec.listeners[0].port)}`,
      );
      expect(settings.get('KAFKA_SSL')).toBe('true');
      expect(settings.get('KAFKA_SASL_MECHANISM')).toBe('scram-sha-512');
    }
  });

  it('gives each workload a KafkaUser whose ACLs name only its own topics and groups', () => {
    const settings = (name: string) =>
      settingsOf(workloads.find((w) => w.name === name)!.pod.containers[0], manifests);
    const acls = expectedAcls({
      aggregator: settings('aggregator').get('AGGREGATOR_GROUP_ID')!,
      statistics: settings('statistics').get('STATISTICS_GROUP_ID')!,
      dashboardPrefix: settings('dashboard').get('DASHBOARD_GROUP_PREFIX')!,
      dashboardLag: settings('dashboard').get('DASHBOARD_LAG_GROUPS')!.split(','),
    });
    const users = ofKind(manifests, 'KafkaUser').filter(inCluster);
    const declared = Object.fromEntries(
      users.map((user) => [
        user.metadata.name,
        (user.spec as { authorization: { acls: unknown[] } }).authorization.acls,
      ]),
    );
    expect(declared).toEqual(acls);
    // Each workload signs in as its user, with the password Strimzi keeps in the user's Secret.
    for (const workload of workloads) {
      const container = workload.pod.containers[0];
      const user = settingsOf(container, manifests).get('KAFKA_SASL_USERNAME');
      expect(Object.keys(acls)).toContain(user);
      const password = settingsOf(container, manifests).get('KAFKA_SASL_PASSWORD_FILE')!;
      expect(secretFileOf(workload, password)).toEqual({ secretName: user, key: 'password' });
    }
  });
});
