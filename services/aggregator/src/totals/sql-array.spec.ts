import { plainArray } from './sql-array';

describe('plainArray', () => {
  it('joins numbers, ids and timestamps into an array literal, null as NULL', () => {
    expect(plainArray(['1', 2, null, '2024-09-09T10:00:00.000+08:00'])).toBe(
      '{1,2,NULL,2024-09-09T10:00:00.000+08:00}',
    );
    expect(plainArray([])).toBe('{}');
  });
});
