import type { GenerationState } from '../generations/generations.repository';

/** GET /rebuilds/:generation: a generation of the aggregator's state and its rebuild. */
export interface RebuildView {
  readonly generation: number;
  readonly schema: string;
  /** building: being rebuilt; active: what the service reads and writes; retired: replaced. */
  readonly state: GenerationState;
  readonly createdAt: string;
  readonly activatedAt: string | null;
  readonly retiredAt: string | null;
  /** Whether this process is reading the log into the generation now. */
  readonly runningHere: boolean;
  /** Events left to read before the switch (at the last check), while building here. */
  readonly lag: number | null;
  /** Why the last run here stopped before the switch; POST /rebuilds resumes it. */
  readonly failure: string | null;
}
