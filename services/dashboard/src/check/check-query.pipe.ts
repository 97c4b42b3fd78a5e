import type { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import type { CheckQuery } from './check-view';
import { CheckError } from './check.errors';

/** Longer than any platform's transaction number (TXN_MAX_LENGTH): a paste gone wrong. */
export const TXN_INPUT_MAX = 256;

/**
 * `?platform=&txn=`: both once, not empty, of a sane size; surrounding spaces of a pasted number
 * are dropped. Other parameters are ignored (a cache buster). A platform we do not aggregate is
 * not an error here: the check answers `unknown`.
 */
export const CheckQuerySchema = z.object({
  platform: z.string().trim().min(1).max(32),
  txn: z.string().trim().min(1).max(TXN_INPUT_MAX),
});

/** 400 `DASHBOARD.CHECK_INVALID` naming the fields, never echoing their values. */
export class CheckQueryPipe implements PipeTransform<unknown, CheckQuery> {
  transform(value: unknown): CheckQuery {
    const result = CheckQuerySchema.safeParse(value);
    if (result.success) return result.data;
    const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.')))];
    throw new CheckError(
      'DASHBOARD.CHECK_INVALID',
      `give platform and txn once each, txn of at most ${TXN_INPUT_MAX} characters (${fields.join(', ')})`,
    );
  }
}
