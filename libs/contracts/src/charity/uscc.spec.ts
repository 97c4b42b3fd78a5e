import { isValidUscc, makeUscc, usccCheckCharacter, UsccSchema } from './uscc';

/** Published codes: the GB 32100-2015 example, Shenzhen Tencent Computer Systems Co., Ltd.
 * and Alibaba (China) Co., Ltd. */
const REAL_CODES = ['91350100M000100Y43', '91440300708461136T', '91330100716105852F'];

describe('USCC (GB 32100-2015)', () => {
  it.each(REAL_CODES)('accepts the published code %s', (code) => {
    expect(isValidUscc(code)).toBe(true);
    expect(UsccSchema.safeParse(code).success).toBe(true);
  });

  it('computes the check character of a published code', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(usccCheckCharacter('91440300708461136')).toBe('T');
  });

  it('builds a valid code from the first 17 characters', () => {
    const code = makeUscc('53100000500021676');
    expect(code).toBe('53100000500021676K');
    expect(isValidUscc(code)).toBe(true);
  });

  it('uses 0 as the check character when the weighted sum is a multiple of 31', () => {
    expect(usccCheckCharacter('5310000050002167A')).toBe('0');
    expect(isValidUscc('5310000050002167A0')).toBe(true);
  });

  it('uses the last alphabet character Y for a remainder of 1', () => {
    expect(usccCheckCharacter('5310000050002167L')).toBe('Y');
  });

  it('rejects a USCC with a wrong check character', () => {
    expect(isValidUscc('91350100M000100Y4A')).toBe(false);
    expect(isValidUscc('91440300708461136X')).toBe(false);
    const result = UsccSchema.safeParse('91350100M000100Y44');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/check character/);
  });

  it.each(['91350100M000100Y4', '91350100M000100Y433', '', '9'])(
    'rejects %p: not 18 characters',
    (code) => expect(isValidUscc(code)).toBe(false),
  );

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects a code with the forbidden letter %s', (letter) => {
    const code = `91350100M000100${letter}43`;
    expect(isValidUscc(code)).toBe(false);
    expect(() => usccCheckCharacter(code.slice(0, 17))).toThrow(/first 17 characters/);
  });

  it('rejects lower-case letters', () => {
    expect(isValidUscc('91350100m000100y43')).toBe(false);
  });

  it('rejects a letter in the administrative division (characters 3 to 8)', () => {
    expect(isValidUscc('913A0100M000100Y43')).toBe(false);
    expect(() => makeUscc('913A0100M000100Y4')).toThrow(/first 17 characters/);
  });

  it('accepts any alphabet character as registration authority and type', () => {
    expect(isValidUscc(makeUscc('Y1350100M000100Y4'))).toBe(true);
    expect(isValidUscc(makeUscc('AN350100M000100Y4'))).toBe(true);
  });

  it('rejects non-strings', () => {
    expect(UsccSchema.safeParse(91350100).success).toBe(false);
  });
});
