import { z } from 'zod';
import type { RebuildMarker, RebuildTarget } from './rebuild-progress';

const offset = z.string().regex(/^\d+$/);

const TargetSchema = z.record(z.string().regex(/^\d+$/), z.tuple([offset, offset]));

const OffsetsSchema = z.record(z.string().regex(/^\d+$/), offset);

/** A hash field holding JSON that `schema` checks. */
const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text): unknown => JSON.parse(text))
    .pipe(schema);

const MarkerHashSchema = z.object({
  id: z.string().min(1),
  status: z.enum(['rebuilding', 'live']),
  startedAt: z.iso.datetime(),
  target: json(TargetSchema),
  // Markers written before it was kept have none: every dead letter is published again.
  deadLettered: json(OffsetsSchema).optional(),
});

/** The marker hash as HGETALL returns it; undefined when there is none (an empty hash). */
export function markerOf(hash: Record<string, string>): RebuildMarker | undefined {
  if (Object.keys(hash).length === 0) return undefined;
  const { id, status, startedAt, target, deadLettered } = MarkerHashSchema.parse(hash);
  return {
    id,
    status,
    startedAt,
    target: new Map(
      Object.entries(target).map(([partition, [low, high]]) => [Number(partition), { low, high }]),
    ),
    deadLetteredBelow: new Map(
      Object.entries(deadLettered ?? {}).map(([partition, below]) => [Number(partition), below]),
    ),
  };
}

/** The target as the marker's `target` field keeps it: `{"<partition>": ["<low>", "<high>"]}`. */
export function encodeTarget(target: RebuildTarget): string {
  return JSON.stringify(
    Object.fromEntries([...target].map(([partition, { low, high }]) => [partition, [low, high]])),
  );
}

/** Offsets per partition as the marker's `deadLettered` keeps them: `{"<partition>": "<n>"}`. */
export function encodeOffsets(offsets: ReadonlyMap<number, string>): string {
  return JSON.stringify(Object.fromEntries(offsets));
}
