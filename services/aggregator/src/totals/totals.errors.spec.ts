import { QueryFailedError } from 'typeorm';
import { AggregateError, isTotalsOverflow } from './totals.errors';

const pgError = (code: string) => Object.assign(new Error('pg says no'), { code });

describe('isTotalsOverflow', () => {
  it('knows a bigint out of range in PostgreSQL', () => {
    const error = new QueryFailedError('INSERT', [], pgError('22003'));
    expect(isTotalsOverflow(error)).toBe(true);
  });

  it('knows a total beyond the safe integer range of the topics', () => {
    expect(isTotalsOverflow(new AggregateError('AGGREGATE.OVERFLOW', 'too large'))).toBe(true);
  });

  it.each([
    ['another PostgreSQL error', new QueryFailedError('INSERT', [], pgError('40P01'))],
    ['another rule', new AggregateError('AGGREGATE.REFUND_EXCEEDS_DONATION', 'too much')],
    ['an unknown error', new Error('connection reset')],
    ['a value that is no error', '22003'],
  ])('leaves %s alone', (_name, error) => {
    expect(isTotalsOverflow(error)).toBe(false);
  });
});
