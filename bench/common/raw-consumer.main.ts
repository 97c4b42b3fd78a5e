import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import { KafkaEnvSchema, loadConfig } from '@donations/config';

/**
 * The baseline: a bare kafkajs consumer (kafkajs' defaults, a new group, from the beginning)
 * that counts the messages of each fetched batch and does nothing else (no commit), in its own process like
 * the aggregator. It reports over IPC when it has counted RAW_EXPECTED messages, then exits.
 */
const RawConsumerConfigSchema = z.object({
  KAFKA_BROKERS: KafkaEnvSchema.shape.KAFKA_BROKERS,
  RAW_TOPIC: z.string().min(1),
  RAW_GROUP_ID: z.string().min(1),
  RAW_EXPECTED: z.coerce.number().int().positive(),
});

/** What the process reports: epoch ms, so that the bench can set them against its own clock. */
export interface RawConsumerReport {
  messages: number;
  firstMessageAtMs: number;
  doneAtMs: number;
}

async function main(): Promise<void> {
  const config = loadConfig(RawConsumerConfigSchema);
  const kafka = new Kafka({
    clientId: 'bench-raw-consumer',
    brokers: config.KAFKA_BROKERS,
    logLevel: logLevel.WARN,
  });
  const consumer = kafka.consumer({ groupId: config.RAW_GROUP_ID });
  await consumer.connect();
  await consumer.subscribe({ topic: config.RAW_TOPIC, fromBeginning: true });
  const report = await new Promise<RawConsumerReport>((resolve, reject) => {
    let messages = 0;
    let firstMessageAtMs = 0;
    consumer
      .run({
        autoCommit: false,
        eachBatch: ({ batch }) => {
          if (messages === 0) firstMessageAtMs = Date.now();
          messages += batch.messages.length;
          if (messages >= config.RAW_EXPECTED) {
            resolve({ messages, firstMessageAtMs, doneAtMs: Date.now() });
          }
          return Promise.resolve();
        },
      })
      .catch(reject);
  });
  process.send?.(report);
  await consumer.disconnect();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
