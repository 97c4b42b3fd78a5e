import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { testKafka, uniqueSuffix } from './isolation';
import { waitFor } from './wait-for';

const run = promisify(execFile);
const kafkaScript = resolve(__dirname, '../../../deploy/kafka/kafka.sh');

/**
 * Takes the real broker away and brings it back, for the "Kafka down" tests. KAFKA_CONTROL says
 * how (set by the integration globalSetup): `local` stops and starts deploy/kafka/kafka.sh's
 * broker, `docker:<id>` pauses and unpauses the testcontainers broker. Anything else fails the
 * test: these tests never skip.
 */
export async function withBrokerStopped<T>(whileDown: () => Promise<T>): Promise<T> {
  const control = process.env.KAFKA_CONTROL;
  await setBroker(control, 'down');
  try {
    return await whileDown();
  } finally {
    await setBroker(control, 'up');
    await untilBrokerAcceptsWrites();
  }
}

/**
 * A broker that answers again may still be loading its partitions (thousands, after a test
 * suite): a new topic's writes fail with NOT_LEADER until it has caught up. The next test gets
 * the broker only once a fresh probe topic takes a write.
 */
async function untilBrokerAcceptsWrites(): Promise<void> {
  const kafka = testKafka();
  const admin = kafka.admin();
  const producer = kafka.producer();
  const topic = `probe-${uniqueSuffix()}`;
  try {
    await waitFor(
      async () => {
        await admin.connect();
        await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
        await producer.connect();
        await producer.send({ topic, messages: [{ value: 'probe' }] });
        return true;
      },
      { timeoutMs: 120_000, intervalMs: 500, description: 'the restarted broker taking writes' },
    );
    // Best effort: a leftover probe topic harms nothing.
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
}

async function setBroker(control: string | undefined, state: 'up' | 'down'): Promise<void> {
  if (control === 'local') {
    await run('bash', [kafkaScript, state === 'down' ? 'stop' : 'start'], { timeout: 120_000 });
    return;
  }
  if (control?.startsWith('docker:')) {
    const id = control.slice('docker:'.length);
    await run('docker', [state === 'down' ? 'pause' : 'unpause', id], { timeout: 60_000 });
    return;
  }
  throw new Error(
    `KAFKA_CONTROL=${control ?? ''}: cannot stop this broker (expected local or docker:<id>)`,
  );
}
