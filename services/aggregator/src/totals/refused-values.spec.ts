import { QueryFailedError } from 'typeorm';
import { isRefusedValue } from './refused-values';

const pgError = (code: string) =>
  new QueryFailedError('INSERT ...', [], Object.assign(new Error('refused'), { code }));

describe('isRefusedValue', () => {
  it.each([
    ['22021', 'a NUL in text (invalid byte sequence)'],
    ['22008', 'a year 0000 (datetime field overflow)'],
    ['22P05', 'an escape jsonb refuses'],
    ['23514', 'a check constraint'],
    ['23502', 'a NULL in a NOT NULL column'],
    ['54000', 'a value too large for an index row'],
  ])('dead-letters SQLSTATE %s: %s', (code) => {
    expect(isRefusedValue(pgError(code))).toBe(true);
  });

  it.each([
    ['23505', 'a unique violation (a concurrent writer)'],
    ['40001', 'a serialization failure'],
    ['40P01', 'a deadlock'],
    ['08006', 'a connection failure'],
    ['57P01', 'PostgreSQL shutting down'],
    ['42P01', 'a missing table'],
  ])('retries SQLSTATE %s: %s', (code) => {
    expect(isRefusedValue(pgError(code))).toBe(false);
  });

  it('retries errors that are not PostgreSQL errors', () => {
    expect(isRefusedValue(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(isRefusedValue(undefined)).toBe(false);
  });
});
