import { z } from 'zod';
import { CurrencySchema } from '@donations/contracts';
import { LEADERBOARD_KINDS } from '../../stats/stats.keys';

/** A net leaderboard is per currency (CNY unless given); the donor one spans currencies. */
export const LeaderboardQuerySchema = z
  .strictObject({
    kind: z.enum(LEADERBOARD_KINDS),
    by: z.enum(['net', 'donors']),
    currency: CurrencySchema.optional(),
    top: z.coerce.number().int().min(1).max(100).default(10),
  })
  .superRefine((query, context) => {
    if (query.by === 'donors' && query.currency !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['currency'],
        message: 'unique donors are counted across currencies: leave currency out with by=donors',
      });
    }
  })
  .transform(({ kind, by, currency, top }) =>
    by === 'net'
      ? { kind, by, currency: currency ?? 'CNY', top }
      : { kind, by, currency: null, top },
  );

export type LeaderboardQuery = z.output<typeof LeaderboardQuerySchema>;
