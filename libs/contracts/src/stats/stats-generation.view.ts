import { z } from 'zod';

/**
 * GET /rebuilds/:generation on the statistics service (and POST /rebuilds, GET /rebuilds): a
 * generation of the statistics in Redis, the keys under `keyPrefix` (after REDIS_KEY_PREFIX).
 */
export const StatsGenerationViewSchema = z.object({
  generation: z.number().int().nonnegative(),
  keyPrefix: z.string(),
  /** building: a shadow rebuild fills it; active: what the service reads and writes; retired. */
  state: z.enum(['building', 'active', 'retired']),
  createdAt: z.string().nullable(),
  activatedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
  /** When `DELETE /rebuilds/:generation` removed its keys; null while it has them. */
  prunedAt: z.string().nullable(),
  /** Whether this process is reading the log into the generation now. */
  runningHere: z.boolean(),
  /** While building: messages the generation is behind the live consumer (last check). */
  lag: z.number().int().nonnegative().nullable(),
  /** While building: messages read of those on the topic when the rebuild began. */
  progress: z
    .object({ consumed: z.number().int(), total: z.number().int(), ratio: z.number() })
    .nullable(),
  /** Why the last run here stopped before the switch; POST /rebuilds resumes it. */
  failure: z.string().nullable(),
});

export type StatsGenerationView = z.infer<typeof StatsGenerationViewSchema>;

/** DELETE /rebuilds/:generation[?dryRun=true]: what a prune of a retired generation removed. */
export const StatsPruneViewSchema = z.object({
  generation: z.number().int().nonnegative(),
  dryRun: z.boolean(),
  keys: z.number().int().nonnegative(),
  /** MEMORY USAGE of the keys removed (an estimate Redis gives per key). */
  bytes: z.number().int().nonnegative(),
});

export type StatsPruneView = z.infer<typeof StatsPruneViewSchema>;
