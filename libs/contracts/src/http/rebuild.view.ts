import { z } from 'zod';
import { IsoDateTimeSchema, NonNegativeSafeIntSchema } from '../common/primitive.schemas';

/**
 * building: being rebuilt; active: what the service reads and writes; retired: replaced;
 * pruned: retired and its tables removed (`DELETE /rebuilds/:generation`).
 */
export const GenerationStateSchema = z.enum(['building', 'active', 'retired', 'pruned']);

/**
 * `POST /rebuilds`, `GET /rebuilds/:generation` (and each item of `GET /rebuilds`) on the
 * aggregator: a generation of its state and its rebuild.
 */
export const RebuildViewSchema = z
  .strictObject({
    generation: NonNegativeSafeIntSchema,
    schema: z.string(),
    state: GenerationStateSchema,
    createdAt: IsoDateTimeSchema,
    activatedAt: IsoDateTimeSchema.nullable(),
    retiredAt: IsoDateTimeSchema.nullable(),
    prunedAt: IsoDateTimeSchema.nullable(),
    /** Whether this process is reading the log into the generation now. */
    runningHere: z.boolean(),
    /** Events left to read before the switch (at the last check), while building here. */
    lag: NonNegativeSafeIntSchema.nullable(),
    /** Why the last run here stopped before the switch; POST /rebuilds resumes it. */
    failure: z.string().nullable(),
  })
  .meta({ id: 'RebuildView' });

/** `DELETE /rebuilds/:generation[?dryRun=true]`: what pruning a retired generation removed. */
export const AggregatorPruneViewSchema = z
  .strictObject({
    generation: NonNegativeSafeIntSchema,
    dryRun: z.boolean(),
    /** Its ledger rows (one per event it had counted or refused). */
    ledgerRows: NonNegativeSafeIntSchema,
    /** Its tables' size on disk, indexes and TOAST included. */
    bytes: NonNegativeSafeIntSchema,
  })
  .meta({ id: 'AggregatorPruneView' });

export type GenerationState = z.infer<typeof GenerationStateSchema>;
export type AggregatorPruneView = z.infer<typeof AggregatorPruneViewSchema>;
export type RebuildView = z.infer<typeof RebuildViewSchema>;
