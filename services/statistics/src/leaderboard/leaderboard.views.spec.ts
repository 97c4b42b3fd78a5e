import { LeaderboardQuerySchema } from './dto/leaderboard-query.dto';
import { entriesOf } from './leaderboard.views';

describe('leaderboard view', () => {
  it('ranks the members of ZRANGE REV WITHSCORES from 1, negative net included', () => {
    const members = [
      { value: 'campaign-b', score: 900 },
      { value: 'campaign-a', score: 12 },
      { value: 'campaign-c', score: -40 },
    ];
    expect(entriesOf(members)).toEqual([
      { rank: 1, id: 'campaign-b', value: 900 },
      { rank: 2, id: 'campaign-a', value: 12 },
      { rank: 3, id: 'campaign-c', value: -40 },
    ]);
    expect(entriesOf([])).toEqual([]);
  });
});

describe('leaderboard query', () => {
  const parse = (query: Record<string, string>) => LeaderboardQuerySchema.safeParse(query);

  it('ranks by net in CNY unless told, the top 10 by default', () => {
    const parsed = parse({ kind: 'campaign', by: 'net' });
    expect(parsed.success && parsed.data).toEqual({
      kind: 'campaign',
      by: 'net',
      currency: 'CNY',
      top: 10,
    });
    const usd = parse({ kind: 'charity', by: 'net', currency: 'USD', top: '3' });
    expect(usd.success && usd.data).toEqual({
      kind: 'charity',
      by: 'net',
      currency: 'USD',
      top: 3,
    });
  });

  it('ranks by donors across currencies', () => {
    const parsed = parse({ kind: 'charity', by: 'donors' });
    expect(parsed.success && parsed.data).toEqual({
      kind: 'charity',
      by: 'donors',
      currency: null,
      top: 10,
    });
  });

  it.each([
    ['an unknown kind', { kind: 'platform', by: 'net' }],
    ['an unknown measure', { kind: 'campaign', by: 'count' }],
    ['an unknown currency', { kind: 'campaign', by: 'net', currency: 'XYZ' }],
    ['a currency with donors', { kind: 'campaign', by: 'donors', currency: 'CNY' }],
    ['top 0', { kind: 'campaign', by: 'net', top: '0' }],
    ['top 101', { kind: 'campaign', by: 'net', top: '101' }],
    ['a fractional top', { kind: 'campaign', by: 'net', top: '2.5' }],
  ])('rejects %s', (_name, query) => {
    expect(parse(query).success).toBe(false);
  });
});
