import type { RebuildView as RebuildContract } from '@donations/contracts';

/** GET /rebuilds/:generation: the contract of @donations/contracts (http/rebuild.view.ts). */
export type RebuildView = RebuildContract;
