import type { DisclosureRecord } from '@donations/contracts';
import { OperatorError } from '../operator/operator.errors';

export type DisclosureChange = 'created' | 'replaced' | 'unchanged';

/**
 * What recording a disclosure does to the one held for its campaign, kind and period: create
 * it, replace it (a corrected date or link, or a longer period), or nothing when the same.
 */
export function disclosureChange(
  before: DisclosureRecord | undefined,
  wanted: DisclosureRecord,
): DisclosureChange {
  if (wanted.madeOn < wanted.periodStart) {
    throw new OperatorError(
      'OPERATOR.INVALID_REQUEST',
      `madeOn: ${wanted.madeOn} is before the period it discloses (from ${wanted.periodStart})`,
    );
  }
  if (before === undefined) return 'created';
  const same =
    before.periodEnd === wanted.periodEnd &&
    before.madeOn === wanted.madeOn &&
    before.link === wanted.link;
  return same ? 'unchanged' : 'replaced';
}
