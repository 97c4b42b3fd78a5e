import type { Message, PartitionMetadata, RecordMetadata } from 'kafkajs';
import { PartitionChoices, recordingPartitioner, unacknowledged } from './acknowledged-partitions';

const metadata = (partitionIds: number[]) =>
  partitionIds.map((partitionId) => ({ partitionId, leader: 1 })) as PartitionMetadata[];

const ack = (topicName: string, partition: number) =>
  ({ topicName, partition, errorCode: 0 }) as RecordMetadata;

describe('acknowledged partitions', () => {
  it("records kafkajs' default choice for each message (the key's murmur2, unchanged)", () => {
    const choices: PartitionChoices = new WeakMap();
    const place = recordingPartitioner(choices)();
    const messages: Message[] = ['a', 'b', 'c', 'd'].map((key) => ({ key, value: key }));
    const chosen = messages.map((message) =>
      place({ topic: 't', partitionMetadata: metadata([0, 1, 2]), message }),
    );
    expect(messages.map((message) => choices.get(message))).toEqual(chosen);
    // The same key, the same partition, as before the recording (data stays where it was).
    expect(
      place({
        topic: 't',
        partitionMetadata: metadata([0, 1, 2]),
        message: { key: 'a', value: 'x' },
      }),
    ).toBe(chosen[0]);
  });

  it('returns the messages of partitions without an acknowledgement, in order, per topic', () => {
    const choices: PartitionChoices = new WeakMap();
    const [m0, m1, m2, n0] = [0, 1, 0, 0].map((partition, i) => {
      const message = { key: `k${i}`, value: `v${i}` };
      choices.set(message, partition);
      return message;
    });
    const sent = [
      { topic: 'a', messages: [m0, m1, m2] },
      { topic: 'b', messages: [n0] },
    ];
    expect(unacknowledged(sent, [ack('a', 1), ack('b', 0)], choices)).toEqual([
      { topic: 'a', messages: [m0, m2] },
    ]);
    expect(unacknowledged(sent, [ack('a', 0), ack('a', 1), ack('b', 0)], choices)).toEqual([]);
  });

  it('checks a message sent to an explicit partition against that partition (the counted relay)', () => {
    const explicit = { key: 'k', value: 'v', partition: 3 };
    const sent = [{ topic: 'a', messages: [explicit] }];
    expect(unacknowledged(sent, [ack('a', 0)], new WeakMap())).toEqual(sent);
    expect(unacknowledged(sent, [ack('a', 3)], new WeakMap())).toEqual([]);
  });

  it('does not check a message whose partition was never chosen (a producer not recording)', () => {
    const sent = [{ topic: 'a', messages: [{ key: 'k', value: 'v' }] }];
    expect(unacknowledged(sent, [], new WeakMap())).toEqual([]);
  });
});
