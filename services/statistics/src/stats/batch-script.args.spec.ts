import { BatchSums } from './batch.sums';
import { scriptCall } from './batch-script.args';

const position = {
  offsetsKey: 'stats:offsets:g:t',
  fenceKey: 'stats:fences:g:t',
  metaKey: 'stats:meta',
  partition: 2,
  firstOffset: '10',
  nextOffset: '12',
  earliestOffset: '0',
};
const fence = { highestBelow: '', firstKept: '40', lastKept: '41' };

describe('batch script arguments', () => {
  it('sends each key once with its summed fields, and refers to keys by 1-based index', () => {
    const sums = new BatchSums();
    sums.incr('totals', 'CNY:raised', 5);
    sums.pfadd('donors', 'h');
    sums.incr('totals', 'CNY:raised', 7);
    sums.incr('totals', 'CNY:donations', 2);
    sums.zincr('top', 'c', -80);
    sums.pfadd('donors', 'h');
    const call = scriptCall(
      position,
      fence,
      sums,
      [{ board: 'board', donors: 'donors', member: 'campaign-1' }],
      new Date('2024-09-09T00:00:00.000Z'),
    );
    expect(call.keys).toEqual([
      'stats:offsets:g:t',
      'stats:fences:g:t',
      'stats:meta',
      'stats:generations',
      'stats:generations:hold',
      'totals',
      'top',
      'donors',
      'board',
    ]);
    expect(call.args).toEqual([
      2,
      '10',
      '12',
      '2024-09-09T00:00:00.000Z',
      '0',
      '',
      '40',
      '41',
      '1',
      '0',
      'live',
      ...[1, 6, 2, 'CNY:raised', 12, 'CNY:donations', 2],
      ...[1, 7, 1, 'c', -80],
      ...[1, 8, 1, 'h'],
      ...[1, 9, 8, 'campaign-1'],
    ]);
  });

  it('leaves out sums that came to zero, and says when nothing changes', () => {
    const sums = new BatchSums();
    sums.incr('totals', 'CNY:refunded', 80);
    sums.incr('totals', 'CNY:refunded', -80);
    const call = scriptCall(
      { ...position, earliestOffset: undefined },
      fence,
      sums,
      [],
      new Date(0),
    );
    expect(call.args.slice(4, 9)).toEqual(['', '', '40', '41', '1']);
    expect(call.args.slice(9)).toEqual(['0', 'live', 0, 0, 0, 0]);
    const none = scriptCall(position, fence, new BatchSums(), [], new Date(0));
    expect(none.args[8]).toBe('0');
  });
});
