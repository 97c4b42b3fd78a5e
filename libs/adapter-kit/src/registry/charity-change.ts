import type {
  CharityRegistration,
  CharityRegistrationResult,
  CharityRegistrationUpdate,
} from '@donations/contracts';
import { OperatorError } from '../operator/operator.errors';

/** What an `add` of a charity does: create it, or nothing when registered with the same name. */
export function charityChange(
  existing: CharityRegistration | undefined,
  wanted: CharityRegistration,
): CharityRegistrationResult['change'] {
  if (existing === undefined) return 'created';
  if (existing.name === wanted.name && existing.region === wanted.region) return 'unchanged';
  throw new OperatorError(
    'REGISTRY.CONFLICT',
    `charity ${wanted.uscc} is registered already as ${existing.name} (${existing.region}): ` +
      'update it',
  );
}

/** A charity with an update applied: what it becomes, and whether that is a change. */
export function updatedCharity(
  before: CharityRegistration | undefined,
  update: CharityRegistrationUpdate,
): { change: 'updated' | 'unchanged'; entry: CharityRegistration } {
  if (before === undefined) {
    throw new OperatorError(
      'REGISTRY.NOT_FOUND',
      `charity ${update.uscc} is not registered: add it`,
    );
  }
  const entry = {
    uscc: before.uscc,
    name: update.name ?? before.name,
    region: update.region ?? before.region,
  };
  const same = entry.name === before.name && entry.region === before.region;
  return { change: same ? 'unchanged' : 'updated', entry };
}
