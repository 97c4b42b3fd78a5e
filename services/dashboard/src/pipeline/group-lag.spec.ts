import { groupLag, messagesHeld } from './group-lag';

const ends = [
  { partition: 0, low: '0', high: '10' },
  { partition: 1, low: '4', high: '6' },
  { partition: 2, low: '0', high: '0' },
];

describe('groupLag', () => {
  it('adds up what each partition has past the committed offset', () => {
    const committed = [
      { partition: 0, offset: '7' },
      { partition: 1, offset: '6' },
      { partition: 2, offset: '0' },
    ];
    expect(groupLag(ends, committed)).toBe(3);
  });

  it('counts all that is held on a partition where the group committed nothing', () => {
    const committed = [
      { partition: 0, offset: '10' },
      { partition: 1, offset: '-1' },
    ];
    expect(groupLag(ends, committed)).toBe(2);
  });

  it('is unknown when the group has committed no offset in Kafka at all', () => {
    expect(groupLag(ends, [{ partition: 0, offset: '-1' }])).toBeNull();
    expect(groupLag(ends, [])).toBeNull();
  });
});

describe('messagesHeld', () => {
  it('adds up high - low over the partitions', () => {
    expect(messagesHeld(ends)).toBe(12);
  });
});
