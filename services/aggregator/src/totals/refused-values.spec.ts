import { QueryFailedError, type EntityManager } from 'typeorm';
import { applyWithoutRefused, isRefusedValue } from './refused-values';

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

const refusal = (code = '22021') =>
  new QueryFailedError('INSERT ...', [], Object.assign(new Error('refused'), { code }));

/** A manager that records the savepoint statements; the work itself touches nothing. */
function fakeManager(): { manager: EntityManager; statements: string[] } {
  const statements: string[] = [];
  const manager = { query: (sql: string) => Promise.resolve(statements.push(sql)) };
  return { manager: manager as unknown as EntityManager, statements };
}

describe('applyWithoutRefused', () => {
  it('sets aside each refused event, in offset order, and applies the rest once', async () => {
    const { manager } = fakeManager();
    const events = ['a', 'b', 'NUL', 'c', 'd', 'year-0', 'e'];
    const applied: string[][] = [];
    const result = await applyWithoutRefused(manager, events, (batch) => {
      if (batch.some((event) => event === 'NUL' || event === 'year-0')) throw refusal();
      applied.push([...batch]);
      return Promise.resolve(batch.length);
    });
    expect(result.refused.map(({ event, sqlState }) => [event, sqlState])).toEqual([
      ['NUL', '22021'],
      ['year-0', '22021'],
    ]);
    expect(result.applied).toBe(5);
    expect(applied.at(-1)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('finds an event refused only after another one of the batch: the later one', async () => {
    const { manager } = fakeManager();
    const events = ['a', 'p', 'b', 'q', 'c'];
    const result = await applyWithoutRefused(manager, events, (batch) => {
      if (batch.includes('p') && batch.includes('q')) throw refusal('23514');
      return Promise.resolve(batch);
    });
    expect(result.refused.map(({ event }) => event)).toEqual(['q']);
    expect(result.applied).toEqual(['a', 'p', 'b', 'c']);
  });

  it('keeps a successful attempt and rolls every failed one back', async () => {
    const { manager, statements } = fakeManager();
    await applyWithoutRefused(manager, ['a', 'x'], (batch) =>
      batch.includes('x') ? Promise.reject(refusal()) : Promise.resolve(batch),
    );
    expect(statements).toEqual([
      // The whole batch: refused.
      'SAVEPOINT refused_values',
      'ROLLBACK TO SAVEPOINT refused_values',
      'RELEASE SAVEPOINT refused_values',
      // The probe of ['a']: applies, rolled back all the same.
      'SAVEPOINT refused_values',
      'ROLLBACK TO SAVEPOINT refused_values',
      'RELEASE SAVEPOINT refused_values',
      // The batch without 'x': kept.
      'SAVEPOINT refused_values',
      'RELEASE SAVEPOINT refused_values',
    ]);
  });

  it('throws an error that is not a refused value unchanged', async () => {
    const { manager } = fakeManager();
    const lost = new Error('Connection terminated unexpectedly');
    await expect(applyWithoutRefused(manager, ['a'], () => Promise.reject(lost))).rejects.toBe(
      lost,
    );
  });
});
