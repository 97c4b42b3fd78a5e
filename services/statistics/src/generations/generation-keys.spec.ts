import { statsKeys } from '../stats/stats.keys';
import { generationKey, isKeyOf, keysOf } from './generation-keys';

describe('generation keys', () => {
  it('keeps generation 0 where the statistics always were, and moves the others under g<N>', () => {
    expect(keysOf(0).totals('global')).toBe(statsKeys.totals('global'));
    expect(keysOf(3).totals('global')).toBe('stats:g3:totals:global');
    expect(keysOf(3).offsets('group', 'topic')).toBe('stats:g3:offsets:group:topic');
    expect(generationKey('stats:top:campaign:net:CNY', 12)).toBe('stats:g12:top:campaign:net:CNY');
  });

  it('shares the published versions between generations', () => {
    expect(keysOf(4).published('stats.overview.v1')).toBe(statsKeys.published('stats.overview.v1'));
  });

  it("tells a generation's keys from the others' and from the bookkeeping", () => {
    expect(isKeyOf('stats:totals:global', 0)).toBe(true);
    expect(isKeyOf('stats:g2:totals:global', 0)).toBe(false);
    expect(isKeyOf('stats:generations', 0)).toBe(false);
    expect(isKeyOf('stats:generations:hold', 0)).toBe(false);
    expect(isKeyOf('stats:published:stats.overview.v1', 0)).toBe(false);
    expect(isKeyOf('stats:g2:totals:global', 2)).toBe(true);
    expect(isKeyOf('stats:g21:totals:global', 2)).toBe(false);
    expect(isKeyOf('stats:totals:campaign:g2:x', 2)).toBe(false);
  });
});
