import { z } from 'zod';
import type { RebuildMarker, RebuildTarget } from './rebuild-progress';

const offset = z.string().regex(/^\d+$/);

const TargetSchema = z.record(z.string().regex(/^\d+$/), z.tuple([offset, offset]));

const MarkerHashSchema = z.object({
  id: z.string().min(1),
  status: z.enum(['rebuilding', 'live']),
  startedAt: z.iso.datetime(),
  target: z
    .string()
    .transform((json): unknown => JSON.parse(json))
    .pipe(TargetSchema),
});

/** The marker hash as HGETALL returns it; undefined when there is none (an empty hash). */
export function markerOf(hash: Record<string, string>): RebuildMarker | undefined {
  if (Object.keys(hash).length === 0) return undefined;
  const { id, status, startedAt, target } = MarkerHashSchema.parse(hash);
  return {
    id,
    status,
    startedAt,
    target: new Map(
      Object.entries(target).map(([partition, [low, high]]) => [Number(partition), { low, high }]),
    ),
  };
}

/** The target as the marker's `target` field keeps it: `{"<partition>": ["<low>", "<high>"]}`. */
export function encodeTarget(target: RebuildTarget): string {
  return JSON.stringify(
    Object.fromEntries([...target].map(([partition, { low, high }]) => [partition, [low, high]])),
  );
}
