import { plainArray, textArray } from './sql-array';

describe('plainArray', () => {
  it('joins numbers, ids and timestamps into an array literal, null as NULL', () => {
    expect(plainArray(['1', 2, null, '2024-09-09T10:00:00.000+08:00'])).toBe(
      '{1,2,NULL,2024-09-09T10:00:00.000+08:00}',
    );
    expect(plainArray([])).toBe('{}');
  });
});

describe('textArray', () => {
  it('writes the literal pg writes for any text, null as NULL', () => {
    const texts = [
      '',
      'a',
      'a,b',
      '{x}',
      'NULL',
      ' sp ',
      'q"uo"te',
      'back\\slash\\"',
      '捐款😀',
      null,
    ];
    // What pg's prepareValue(texts) writes (pg/lib/utils escapeElement).
    expect(textArray(texts)).toBe(
      '{"","a","a,b","{x}","NULL"," sp ","q\\"uo\\"te","back\\\\slash\\\\\\"","捐款😀",NULL}',
    );
    expect(textArray([])).toBe('{}');
  });
});
