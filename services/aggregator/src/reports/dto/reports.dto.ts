import { z } from 'zod';
import { ReportPeriodParamSchema } from '@donations/contracts';

/** `?period=all|YYYY-Qn`, required: a report states the period it covers. Year 0000 does not exist. */
export const ReportQuerySchema = z.strictObject({
  period: ReportPeriodParamSchema.refine(
    (period) => !period.startsWith('0000-'),
    'the year must be 0001 or later',
  ),
});

export type ReportQuery = z.output<typeof ReportQuerySchema>;
