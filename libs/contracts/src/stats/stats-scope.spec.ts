import { makeUscc } from '../charity/uscc';
import {
  campaignScope,
  charityScope,
  GLOBAL_SCOPE,
  platformScope,
  StatsScopeSchema,
} from './stats-scope';

describe('stats scope', () => {
  it.each([
    GLOBAL_SCOPE,
    campaignScope('53100000500021676K-2024-001'),
    charityScope(makeUscc('53100000500021676')),
    platformScope('tencent'),
  ])('accepts the scope %s', (scope) => {
    expect(StatsScopeSchema.safeParse(scope).success).toBe(true);
  });

  it.each([
    '',
    'all',
    'campaign:',
    'campaign:with space',
    'charity:123',
    'platform:Alipay',
    'GLOBAL',
  ])('rejects the scope %p', (scope) => {
    expect(StatsScopeSchema.safeParse(scope).success).toBe(false);
  });
});
