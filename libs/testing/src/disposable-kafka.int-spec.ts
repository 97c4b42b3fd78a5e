import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { DisposableKafka, disposeEveryKafka, startDisposableKafka } from './disposable-kafka';
import { uniqueSuffix } from './isolation';
import { waitFor } from './wait-for';

/** Reads `topic` from the beginning until `count` values have arrived. */
async function readValues(kafka: Kafka, topic: string, count: number): Promise<string[]> {
  const consumer = kafka.consumer({ groupId: `g-${uniqueSuffix()}` });
  const values: string[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        values.push(message.value?.toString() ?? '');
        return Promise.resolve();
      },
    });
    await waitFor(() => values.length >= count, {
      timeoutMs: 60_000,
      description: `${count} values on ${topic}`,
    });
    return values;
  } finally {
    await consumer.disconnect();
  }
}

/** true when nothing answers on host:port any more. */
async function portClosed(hostPort: string): Promise<boolean> {
  const [host, port] = hostPort.split(':');
  const { connect } = await import('node:net');
  return new Promise((resolvePort) => {
    const socket = connect(Number(port), host);
    socket.once('connect', () => {
      socket.destroy();
      resolvePort(false);
    });
    socket.once('error', () => resolvePort(true));
  });
}

describe("a disposable Kafka broker of a test's own (the shared one is never touched)", () => {
  // Bounds: start-up within 120 s; each JVM at most 384 MiB of heap.
  let broker: DisposableKafka;
  // A cluster id beginning with '-', as CI once drew at random: `kafka-storage format -t <id>`
  // read it as an option, the node exited during start-up and the test waited out its 180 s.
  const clusterId = '-1jA7YAlyh6Kiu3Qxw6ZrA';

  beforeAll(async () => {
    broker = await startDisposableKafka({ clusterId });
  }, 180_000);

  it('formats its storage with any cluster id, one beginning with "-" too', () => {
    const meta = readFileSync(join(broker.dir, 'node-1', 'data', 'meta.properties'), 'utf8');
    expect(meta).toContain(`cluster.id=${clusterId}\n`);
  });

  afterAll(async () => {
    await broker?.stop();
  });

  it('takes writes at start, stalls while paused (SIGSTOP), delivers after resume, and leaves nothing behind', async () => {
    expect(broker.brokers).toHaveLength(1);
    expect(broker.brokers[0]).not.toBe('127.0.0.1:9092');
    const kafka = broker.kafka();
    const topic = `t-${uniqueSuffix()}`;
    const admin = kafka.admin();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await admin.connect();
    await producer.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
      await producer.send({ topic, acks: -1, messages: [{ key: 'a', value: 'before' }] });
      expect(await broker.leaderOf(topic, 0)).toBe(1);

      broker.pause();
      let settled = false;
      const whilePaused = producer
        .send({ topic, acks: -1, timeout: 60_000, messages: [{ key: 'a', value: 'paused' }] })
        .finally(() => (settled = true));
      // A paused broker answers nothing: the send is still pending after a round trip it would
      // otherwise have completed in.
      const probe = await Promise.race([
        whilePaused.then(() => 'answered'),
        new Promise((resolveLater) => setTimeout(() => resolveLater('pending'), 2_000)),
      ]);
      expect(probe).toBe('pending');
      expect(settled).toBe(false);
      broker.resume();
      await whilePaused;

      expect(await readValues(kafka, topic, 2)).toEqual(['before', 'paused']);
    } finally {
      broker.resume();
      await producer.disconnect();
      await admin.disconnect();
    }

    const { dir, brokers } = broker;
    await broker.stop();
    expect(existsSync(dir)).toBe(false);
    expect(await portClosed(brokers[0])).toBe(true);
  });
});

describe('a disposable 3-node KRaft cluster (RF 3, min.insync.replicas 2)', () => {
  // Bounds: start-up within 120 s; three JVMs of at most 384 MiB of heap each.
  let cluster: DisposableKafka;

  beforeAll(async () => {
    cluster = await startDisposableKafka({ nodes: 3 });
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('keeps taking writes when the leader is killed (kill -9), and the restarted node rejoins in sync', async () => {
    expect(cluster.nodeIds).toEqual([1, 2, 3]);
    const kafka = cluster.kafka();
    const topic = `t-${uniqueSuffix()}`;
    const admin = kafka.admin();
    await admin.connect();
    // kafkajs' wait for leaders fails when the node it asks has not heard of the topic yet
    // (UNKNOWN_TOPIC_OR_PARTITION): the wait is retried, and a second creation is a no-op.
    await waitFor(async () => {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
      return true;
    });
    await admin.disconnect();
    const replicated = await waitFor(async () => {
      const probe = kafka.admin();
      await probe.connect();
      try {
        return (await probe.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions[0];
      } finally {
        await probe.disconnect();
      }
    });
    expect(replicated?.replicas).toHaveLength(3);

    // The client's 2 retries (~0.3 s) can end before every node has heard of the new leader;
    // an idempotent producer's own retries never write a message twice.
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: 8 },
    });
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: [{ value: 'before' }] });
      const leader = await cluster.leaderOf(topic, 0);
      await cluster.kill(leader);
      await waitFor(async () => (await cluster.leaderOf(topic, 0)) !== leader, {
        timeoutMs: 60_000,
        description: `a new leader for ${topic}[0]`,
      });
      await producer.send({ topic, acks: -1, messages: [{ value: 'after kill' }] });

      await cluster.restart(leader);
      await cluster.untilFullyReplicated([topic]);
      await producer.send({ topic, acks: -1, messages: [{ value: 'after restart' }] });
    } finally {
      await producer.disconnect();
    }
    expect(await readValues(kafka, topic, 3)).toEqual(['before', 'after kill', 'after restart']);
  });
});

describe('a disposable broker whose test never called stop()', () => {
  // Bounds: start-up within 120 s; the clean-up at exit within 10 s.
  it('leaves neither its process nor its temp dir behind when the test process exits', async () => {
    const forgotten = await startDisposableKafka();
    const { dir, brokers } = forgotten;
    try {
      disposeEveryKafka(); // what the test process's `exit` runs
      await waitFor(() => portClosed(brokers[0]), {
        timeoutMs: 10_000,
        description: 'the broker gone',
      });
      expect(existsSync(dir)).toBe(false);
    } finally {
      await forgotten.stop();
    }
  }, 180_000);
});
