import { offsetAbove, selectAboveFence } from './source-fence';

const at = (...offsets: string[]) => offsets.map((offset) => ({ source: { offset } }));
const offsetsOf = (messages: { source: { offset: string } }[]) =>
  messages.map((m) => m.source.offset);

describe('source offset fence', () => {
  it('orders offsets as numbers, past 2^53, with none applied below every offset', () => {
    expect(offsetAbove('10', '9')).toBe(true);
    expect(offsetAbove('9', '10')).toBe(false);
    expect(offsetAbove('9007199254740993', '9007199254740992')).toBe(true);
    expect(offsetAbove('0', '')).toBe(true);
    expect(offsetAbove('5', '5')).toBe(false);
  });

  it('keeps every message of a batch above the fence, and moves the fence to the last one', () => {
    const selection = selectAboveFence(at('7', '9', '12'), '6');
    expect(offsetsOf(selection.kept)).toEqual(['7', '9', '12']);
    expect(selection).toMatchObject({ highestBelow: '', firstKept: '7', lastKept: '12' });
  });

  it('drops a republished range, before the fence and inside the batch', () => {
    // The relay published 10..12, crashed, and published 11..12 again before 13.
    const selection = selectAboveFence(at('9', '10', '11', '12', '11', '12', '13'), '9');
    expect(offsetsOf(selection.kept)).toEqual(['10', '11', '12', '13']);
    expect(selection).toMatchObject({ highestBelow: '9', firstKept: '10', lastKept: '13' });
  });

  it('keeps nothing when the whole batch is at or below the fence', () => {
    expect(selectAboveFence(at('3', '4'), '4')).toEqual({
      kept: [],
      highestBelow: '4',
      firstKept: '',
      lastKept: '',
    });
  });
});
