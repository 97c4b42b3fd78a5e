import { z } from 'zod';

/** A positive integer knob with a default, e.g. BENCH_EVENTS. */
export const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);

/** An on/off knob, off unless `1` or `true`. */
export const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('0')
  .transform((value) => value === '1' || value === 'true');

/** The LOG_LEVEL the bench gives the service under test (production's is info). */
export const serviceLogLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent'])
  .default('info');

/** A key of a config schema that is a bench knob (BENCH_*). */
export type BenchKnob<Shape> = Extract<keyof Shape, `BENCH_${string}`>;

/**
 * The BENCH_* keys of a bench's config schema in the order it declares them: the knobs the
 * rerun command repeats when set.
 */
export const benchKnobs = <Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
): readonly BenchKnob<Shape>[] =>
  Object.keys(schema.shape).filter((key): key is BenchKnob<Shape> => key.startsWith('BENCH_'));
