import { generationsToPrune } from './generations-to-prune';

const g = (
  generation: number,
  state: 'building' | 'active' | 'retired',
  prunedAt: string | null = null,
) => ({
  generation,
  state,
  prunedAt,
});

describe('generationsToPrune', () => {
  it('prunes retired generations only, keeping the newest --keep of them', () => {
    const list = [
      g(0, 'retired', '2026-01-01T00:00:00Z'),
      g(1, 'retired'),
      g(2, 'retired'),
      g(3, 'active'),
      g(4, 'building'),
    ];
    expect(generationsToPrune(list, 0)).toEqual([1, 2]);
    expect(generationsToPrune(list, 1)).toEqual([1]);
    expect(generationsToPrune(list, 5)).toEqual([]);
  });
});
