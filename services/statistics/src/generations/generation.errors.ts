import { ContractError } from '@donations/contracts';

export const GENERATION_ERROR_CODES = [
  'STATS.OPERATIONS_DISABLED',
  'STATS.UNAUTHORIZED',
  'STATS.NOT_FOUND',
  'STATS.GENERATION_IN_USE',
] as const;

export type GenerationErrorCode = (typeof GENERATION_ERROR_CODES)[number];

/** An operator's request on the statistics' generations failed for a reason they can act on. */
export class GenerationError extends ContractError {
  declare readonly code: GenerationErrorCode;

  constructor(code: GenerationErrorCode, message: string) {
    super(code, message);
  }
}
