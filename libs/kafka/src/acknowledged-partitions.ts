import { ICustomPartitioner, Message, Partitioners, RecordMetadata } from 'kafkajs';

/** The partition kafkajs chose for each message object it was given, by its last choice. */
export type PartitionChoices = WeakMap<Message, number>;

/**
 * kafkajs' default partitioner (murmur2 of the key, as before), recording its choice for each
 * message, so that a send can tell which of its partitions were acknowledged.
 */
export function recordingPartitioner(choices: PartitionChoices): ICustomPartitioner {
  return () => {
    const partition = Partitioners.DefaultPartitioner();
    return (args) => {
      const chosen = partition(args);
      choices.set(args.message, chosen);
      return chosen;
    };
  };
}

export interface TopicMessages {
  topic: string;
  messages: Message[];
}

/**
 * The messages of `sent` whose partition has no acknowledgement in `acknowledged`, in their
 * order. kafkajs 2.2.4 (sendMessages) can resolve a send without having written some of it: when
 * a partition's leader dies and the partition moves to a broker that has already answered for
 * other partitions of the same send, its retry skips that broker, so the moved partition is never
 * sent again. A message sent to an explicit partition is checked against that partition; one whose
 * partition was never chosen (a producer not made with `recordingPartitioner`) is not checked.
 */
export function unacknowledged(
  sent: readonly TopicMessages[],
  acknowledged: readonly RecordMetadata[],
  choices: PartitionChoices,
): TopicMessages[] {
  const answered = new Set(
    acknowledged.map(({ topicName, partition }) => `${topicName}\u0000${partition}`),
  );
  return sent
    .map(({ topic, messages }) => ({
      topic,
      messages: messages.filter((message) => {
        const partition = message.partition ?? choices.get(message);
        return partition !== undefined && !answered.has(`${topic}\u0000${partition}`);
      }),
    }))
    .filter(({ messages }) => messages.length > 0);
}
