import type { ValueTransformer } from 'typeorm';

/**
 * A bigint column as a JS bigint (pg returns int8 as a decimal string): totals may pass 2^53,
 * so they never go through a number.
 */
export const BIGINT: ValueTransformer = {
  to: (value: bigint | null | undefined) =>
    value === null || value === undefined ? value : value.toString(),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};

/**
 * A bigint column whose values stay safe integers by contract (event amounts, versions): a
 * number, refused when it is not one.
 */
export const SAFE_NUMBER: ValueTransformer = {
  to: (value: number | null | undefined) =>
    value === null || value === undefined ? value : String(value),
  from: (value: string | null) => {
    if (value === null) return null;
    const number = Number(value);
    if (!Number.isSafeInteger(number)) {
      throw new RangeError(`${value} is beyond the safe integer range`);
    }
    return number;
  },
};
