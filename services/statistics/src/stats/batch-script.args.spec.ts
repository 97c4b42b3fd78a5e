import { scriptCall } from './batch-script.args';

const position = {
  offsetsKey: 'stats:offsets:g:t',
  metaKey: 'stats:meta',
  partition: 2,
  firstOffset: '10',
  nextOffset: '12',
};

describe('batch script arguments', () => {
  it('declares every key once, offsets and meta first, and refers to them by 1-based index', () => {
    const call = scriptCall(
      position,
      [
        { dedupeKey: 'seen:1', ops: [{ kind: 'incr', key: 'totals', field: 'CNY:raised', by: 5 }] },
        {
          dedupeKey: 'seen:2',
          ops: [
            { kind: 'pfadd', key: 'donors', member: 'h' },
            { kind: 'incr', key: 'totals', field: 'CNY:raised', by: 7 },
          ],
        },
      ],
      60,
      new Date('2024-09-09T00:00:00.000Z'),
      [{ board: 'top', donors: 'donors', member: 'campaign-1' }],
    );
    expect(call.keys).toEqual([
      'stats:offsets:g:t',
      'stats:meta',
      'seen:1',
      'totals',
      'seen:2',
      'donors',
      'top',
    ]);
    expect(call.args).toEqual([
      2,
      '10',
      '12',
      60,
      '2024-09-09T00:00:00.000Z',
      2,
      3,
      1,
      'i',
      4,
      'CNY:raised',
      5,
      5,
      2,
      'p',
      6,
      'h',
      0,
      'i',
      4,
      'CNY:raised',
      7,
      1,
      7,
      6,
      'campaign-1',
    ]);
  });

  it('sends net leaderboard moves as `z` ops with their signed amount', () => {
    const effects = [
      { dedupeKey: 'seen:1', ops: [{ kind: 'zincr' as const, key: 'top', member: 'c', by: -80 }] },
    ];
    const call = scriptCall(position, effects, 60, new Date(0));
    expect(call.args.slice(6)).toEqual([3, 1, 'z', 4, 'c', -80, 0]);
  });
});
