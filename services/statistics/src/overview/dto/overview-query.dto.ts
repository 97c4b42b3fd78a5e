import { z } from 'zod';
import { GLOBAL_SCOPE, StatsScopeSchema } from '@donations/contracts';

export const OverviewQuerySchema = z.strictObject({
  scope: StatsScopeSchema.default(GLOBAL_SCOPE),
});

export type OverviewQuery = z.output<typeof OverviewQuerySchema>;
