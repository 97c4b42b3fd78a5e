import { Consumer, Kafka } from 'kafkajs';
import { TopicName, topicName } from '@donations/contracts';
import { uniqueSuffix } from './isolation';

export interface CollectedMessage<T = unknown> {
  key: string | null;
  value: T;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/**
 * Reads a test topic from the beginning into memory, as a dashboard or an auditor would:
 * `await collector.waitForCount(3)` instead of sleeping.
 */
export class TopicCollector<T = unknown> {
  readonly messages: CollectedMessage<T>[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    readonly topic: string,
  ) {}

  static async start<T = unknown>(
    kafka: Kafka,
    base: TopicName,
    prefix: string,
  ): Promise<TopicCollector<T>> {
    const collector = new TopicCollector<T>(kafka, topicName(base, prefix));
    await collector.run();
    return collector;
  }

  private async run(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: `collector-${uniqueSuffix()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          if (value !== undefined) headers[name] = value.toString();
        }
        this.messages.push({
          key: message.key?.toString() ?? null,
          value: JSON.parse(message.value?.toString() ?? 'null') as T,
          headers,
          partition,
          offset: message.offset,
        });
        return Promise.resolve();
      },
    });
  }

  values(): T[] {
    return this.messages.map((message) => message.value);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
