import { z } from 'zod';
import { ContractError } from './contract-error';
import { parseWith } from './parse-result';

describe('parseWith', () => {
  const schema = z.strictObject({ a: z.int(), nested: z.strictObject({ b: z.string() }) });

  it('returns the value when valid', () => {
    expect(parseWith(schema, { a: 1, nested: { b: 'x' } })).toEqual({
      ok: true,
      value: { a: 1, nested: { b: 'x' } },
    });
  });

  it('lists every issue as path: message', () => {
    const result = parseWith(schema, { a: 'one', nested: { b: 2 } });
    expect(result).toEqual({
      ok: false,
      issues: [expect.stringMatching(/^a: /), expect.stringMatching(/^nested\.b: /)],
    });
  });

  it('names the root when the value itself is wrong', () => {
    expect(parseWith(schema, 42)).toEqual({
      ok: false,
      issues: [expect.stringMatching(/^\(root\): /)],
    });
  });
});

describe('ContractError', () => {
  it('carries a stable code and its class name', () => {
    const error = new ContractError('AREA.REASON', 'explained');
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('AREA.REASON');
    expect(error.name).toBe('ContractError');
    expect(error.message).toBe('explained');
  });
});
