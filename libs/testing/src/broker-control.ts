import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

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
