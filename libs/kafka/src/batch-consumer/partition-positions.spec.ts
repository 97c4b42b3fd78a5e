import { TOPICS, TopicName } from '@donations/contracts';
import type { OffsetStore } from './batch-consumer.types';
import { PartitionPositions } from './partition-positions';

const kafkaTopic = `t1.${TOPICS.donationsNormalized}`;

function positionsWith(store: OffsetStore, earliest: Record<number, string> = {}) {
  const seeks: { topic: string; partition: number; offset: string }[] = [];
  const loads: { groupId: string; topic: TopicName; partitions: number[] }[] = [];
  const recordingStore: OffsetStore = {
    load: (groupId, topic, partitions) => {
      loads.push({ groupId, topic, partitions });
      return store.load(groupId, topic, partitions);
    },
  };
  const positions = new PartitionPositions({
    store: recordingStore,
    groupId: 'aggregator',
    contractTopic: () => TOPICS.donationsNormalized,
    earliestOffsets: () =>
      Promise.resolve(new Map(Object.entries(earliest).map(([p, o]) => [Number(p), o]))),
    seek: (position) => seeks.push(position),
  });
  return { positions, seeks, loads };
}

const storeOf = (offsets: Record<number, string>): OffsetStore => ({
  load: () => Promise.resolve(new Map(Object.entries(offsets).map(([p, o]) => [Number(p), o]))),
});

describe('PartitionPositions', () => {
  it('seeks each assigned partition to its stored offset, or to the earliest without one', async () => {
    const { positions, seeks, loads } = positionsWith(storeOf({ 0: '42' }), { 0: '0', 1: '7' });
    positions.onAssigned({ [kafkaTopic]: [0, 1] });

    expect(await positions.position(kafkaTopic, 0)).toBe('42');
    expect(await positions.position(kafkaTopic, 1)).toBe('7');
    expect(seeks).toEqual([
      { topic: kafkaTopic, partition: 0, offset: '42' },
      { topic: kafkaTopic, partition: 1, offset: '7' },
    ]);
    expect(loads).toEqual([
      { groupId: 'aggregator', topic: TOPICS.donationsNormalized, partitions: [0, 1] },
    ]);
  });

  it('follows the applied batches, and forgets them on the next assignment', async () => {
    const { positions } = positionsWith(storeOf({ 0: '5' }));
    positions.onAssigned({ [kafkaTopic]: [0] });
    await positions.position(kafkaTopic, 0);
    positions.advance(kafkaTopic, 0, '9');
    expect(await positions.position(kafkaTopic, 0)).toBe('9');

    positions.onAssigned({ [kafkaTopic]: [0] });
    expect(await positions.position(kafkaTopic, 0)).toBe('5');
  });

  it('fails the batch while the store cannot be read, and loads again for the next one', async () => {
    let available = false;
    const store: OffsetStore = {
      load: () =>
        available
          ? Promise.resolve(new Map([[3, '11']]))
          : Promise.reject(new Error('database away')),
    };
    const { positions, seeks } = positionsWith(store);
    positions.onAssigned({ [kafkaTopic]: [3] });

    await expect(positions.position(kafkaTopic, 3)).rejects.toThrow('database away');
    available = true;
    expect(await positions.position(kafkaTopic, 3)).toBe('11');
    expect(seeks).toEqual([{ topic: kafkaTopic, partition: 3, offset: '11' }]);
  });

  it('seeks to the stored offset when it has moved away from a failed batch', async () => {
    const stored: Record<number, string> = { 2: '10' };
    const { positions, seeks } = positionsWith(storeOf(stored));
    positions.onAssigned({ [kafkaTopic]: [2] });
    await positions.position(kafkaTopic, 2);

    expect(await positions.reloadIfMoved(kafkaTopic, 2, '10')).toBe(false);
    stored[2] = '4';
    expect(await positions.reloadIfMoved(kafkaTopic, 2, '10')).toBe(true);
    expect(await positions.position(kafkaTopic, 2)).toBe('4');
    expect(seeks.at(-1)).toEqual({ topic: kafkaTopic, partition: 2, offset: '4' });
  });

  it('sends a failed batch back to the earliest offset when the store has lost its position', async () => {
    const stored: Record<number, string> = { 4: '30' };
    const { positions, seeks } = positionsWith(storeOf(stored), { 4: '3' });
    positions.onAssigned({ [kafkaTopic]: [4] });
    await positions.position(kafkaTopic, 4);
    delete stored[4];

    expect(await positions.reloadIfMoved(kafkaTopic, 4, '30')).toBe(true);
    expect(await positions.position(kafkaTopic, 4)).toBe('3');
    expect(seeks.at(-1)).toEqual({ topic: kafkaTopic, partition: 4, offset: '3' });
    expect(await positions.reloadIfMoved(kafkaTopic, 4, '3')).toBe(false);
  });

  it('seeks every assigned partition again on reload, to the earliest where nothing is stored', async () => {
    const stored: Record<number, string> = { 0: '20', 1: '8' };
    const { positions, seeks } = positionsWith(storeOf(stored), { 0: '2', 1: '0' });
    positions.onAssigned({ [kafkaTopic]: [0, 1] });
    await positions.position(kafkaTopic, 0);
    positions.advance(kafkaTopic, 0, '25');
    delete stored[0];

    await positions.reload();
    expect(await positions.position(kafkaTopic, 0)).toBe('2');
    expect(await positions.position(kafkaTopic, 1)).toBe('8');
    expect(seeks.slice(-2)).toEqual([
      { topic: kafkaTopic, partition: 0, offset: '2' },
      { topic: kafkaTopic, partition: 1, offset: '8' },
    ]);
  });

  it('keeps retrying the batch while the store cannot be read', async () => {
    let reads = 0;
    const store: OffsetStore = {
      load: () => (reads++ === 0 ? Promise.resolve(new Map()) : Promise.reject(new Error('away'))),
    };
    const { positions, seeks } = positionsWith(store, { 1: '0' });
    positions.onAssigned({ [kafkaTopic]: [1] });
    await positions.position(kafkaTopic, 1);

    expect(await positions.reloadIfMoved(kafkaTopic, 1, '0')).toBe(false);
    expect(seeks).toHaveLength(1);
  });
});
