import { ActiveGenerationReader } from '../generations/active-generation';

/** Which generation a StatsRepository writes to, and how (see apply-batch.lua.ts). */
export interface BatchTarget {
  readonly mode: 'live' | 'shadow';
  generation(): Promise<number>;
  /** The script said the active generation is another one: find out which. */
  moved(): Promise<void>;
}

/** The live consumer's: the active generation, followed across a switch. */
export function liveTarget(active: ActiveGenerationReader): BatchTarget {
  return {
    mode: 'live',
    generation: () => active.last(),
    moved: async () => {
      await active.current();
    },
  };
}

/** A shadow rebuild's: the generation it builds, until it is switched in. */
export function shadowTarget(generation: number): BatchTarget {
  return { mode: 'shadow', generation: () => Promise.resolve(generation), moved: async () => {} };
}

/** The script refused a live batch: the active generation is another one now. */
export class GenerationMovedError extends Error {
  override readonly name = 'GenerationMovedError';
}

/** The script refused a live batch: a switch holds the live writers for a moment. */
export class SwitchingError extends Error {
  override readonly name = 'SwitchingError';
}
