import { z } from 'zod';
import { GLOBAL_SCOPE, IsoDateTimeSchema } from '@donations/contracts';
import { bucketCount, MAX_BUCKETS, STEP_MS, Step } from '../timeseries.views';

const InstantSchema = IsoDateTimeSchema.transform((iso) => new Date(iso));

/** from and to are ISO-8601 instants (to exclusive); series are kept for the global scope. */
export const TimeseriesQuerySchema = z
  .strictObject({
    from: InstantSchema,
    to: InstantSchema,
    step: z.enum(Object.keys(STEP_MS) as [Step, ...Step[]]).default('minute'),
    scope: z.literal(GLOBAL_SCOPE).default(GLOBAL_SCOPE),
  })
  .superRefine((query, context) => {
    // Runs after field issues too (zod 4): only a range of two instants is checked.
    if (!(query.from instanceof Date) || !(query.to instanceof Date)) return;
    if (query.from.getTime() >= query.to.getTime()) {
      context.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    } else if (bucketCount(query.from, query.to, query.step) > MAX_BUCKETS) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: `at most ${MAX_BUCKETS} buckets of one ${query.step} per answer`,
      });
    }
  });

export type TimeseriesQuery = z.output<typeof TimeseriesQuerySchema>;
