import { z } from 'zod';
import { ContractError } from '../common/contract-error';

/**
 * 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015.
 *
 * 18 characters: registration authority (1), organisation type (1), administrative division of
 * the registering authority (6 digits, GB/T 2260), subject identifier (9, the old organisation
 * code), check character (1). The alphabet has 31 symbols: digits and capitals without I, O, S,
 * V, Z. Charities registered with civil affairs start with 5 (51 social group, 52 private
 * non-enterprise unit, 53 foundation); authority and type are only checked against the alphabet.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Shape without the checksum: alphabet, and digits for the administrative division. */
export const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const FIRST_17_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{9}$/;

/** The check character for the first 17 characters of a code. */
export function usccCheckCharacter(first17: string): string {
  if (!FIRST_17_PATTERN.test(first17)) {
    throw new ContractError('USCC.INVALID_INPUT', 'expected the first 17 characters of a USCC');
  }
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i += 1) {
    sum += USCC_CHARSET.indexOf(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** True for an 18-character code of the right alphabet whose check character matches. */
export function isValidUscc(code: string): boolean {
  if (typeof code !== 'string' || !USCC_PATTERN.test(code)) {
    return false;
  }
  return usccCheckCharacter(code.slice(0, 17)) === code.charAt(17);
}

/** Appends the check character: builds valid codes for tests and fixtures. */
export function makeUscc(first17: string): string {
  return first17 + usccCheckCharacter(first17);
}

export const UsccSchema = z
  .string()
  .regex(USCC_PATTERN, 'must be 18 characters of the USCC alphabet (GB 32100-2015)')
  .refine(isValidUscc, 'USCC check character does not match (GB 32100-2015)');
