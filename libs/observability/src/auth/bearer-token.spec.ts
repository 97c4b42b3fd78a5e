import { bearerTokenMatches } from './bearer-token';

describe('bearerTokenMatches', () => {
  const token = 'a-long-operator-token-0123456789';

  it('accepts the configured token, whatever the case of the scheme', () => {
    expect(bearerTokenMatches(token, `Bearer ${token}`)).toBe(true);
    expect(bearerTokenMatches(token, `bearer ${token}`)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['another token', 'Bearer a-long-operator-token-0123456780'],
    ['a prefix of the token', `Bearer ${token.slice(0, 10)}`],
    ['the token without the scheme', token],
    ['another scheme', `Basic ${token}`],
    ['two tokens', `Bearer ${token} ${token}`],
  ])('refuses %s', (_name, header) => {
    expect(bearerTokenMatches(token, header)).toBe(false);
  });
});
