import { z } from 'zod';
import { UsccSchema } from '@donations/contracts';
import { BackofficeError } from './backoffice.errors';

/** What the picker sends: a name's part or a USCC's first characters (blank: every charity). */
const SearchQuerySchema = z.string().trim().max(100).default('');

export function searchQueryOf(q: unknown): string {
  const parsed = SearchQuerySchema.safeParse(q);
  if (!parsed.success) {
    throw new BackofficeError('DASHBOARD.BACKOFFICE_QUERY_INVALID', 'q: at most 100 characters');
  }
  return parsed.data;
}

export function usccOf(uscc: string): string {
  const parsed = UsccSchema.safeParse(uscc);
  if (!parsed.success) {
    throw new BackofficeError(
      'DASHBOARD.BACKOFFICE_QUERY_INVALID',
      'not a 统一社会信用代码 (18 characters with a valid check character)',
    );
  }
  return parsed.data;
}
