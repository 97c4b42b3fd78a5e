import type {
  CampaignRegistration,
  CampaignRegistrationResult,
  CampaignRegistrationUpdate,
} from '@donations/contracts';
import { OperatorError } from '../operator/operator.errors';

/** A registration as one row holds it: one platform id, no merchant id. */
export type CampaignRow = Omit<CampaignRegistration, 'merchantId'>;

const ROW_FIELDS = [
  'campaignId',
  'charityId',
  'title',
  'filingNumber',
  'startsOn',
  'endsOn',
] as const satisfies readonly (keyof CampaignRow)[];

/** The change an `add` makes to what is registered under the id, if anything. */
export function registrationChange(
  existing: Pick<CampaignRow, 'campaignId' | 'charityId'> | undefined,
  wanted: Pick<CampaignRow, 'platform' | 'platformProjectId' | 'campaignId' | 'charityId'>,
): CampaignRegistrationResult['change'] {
  if (existing === undefined) return 'created';
  if (existing.campaignId === wanted.campaignId && existing.charityId === wanted.charityId) {
    return 'unchanged';
  }
  throw new OperatorError(
    'REGISTRY.CONFLICT',
    `${wanted.platform} project ${wanted.platformProjectId} is registered to campaign ` +
      `${existing.campaignId} already`,
  );
}

/** The rows an `add` writes: the platform id and, for WeChat Pay, the merchant id too. */
export function rowsOf(wanted: CampaignRegistration): CampaignRow[] {
  const { merchantId, ...row } = wanted;
  if (merchantId === undefined || merchantId === row.platformProjectId) return [row];
  return [row, { ...row, platformProjectId: merchantId }];
}

/** A registration with an update applied: what it becomes, and whether that is a change. */
export function updatedRegistration(
  before: CampaignRow | undefined,
  update: CampaignRegistrationUpdate,
): { change: 'updated' | 'unchanged'; entry: CampaignRow } {
  if (before === undefined) {
    throw new OperatorError(
      'REGISTRY.NOT_FOUND',
      `${update.platform} project ${update.platformProjectId} is not registered: add it`,
    );
  }
  const entry: CampaignRow = { ...before };
  for (const field of ROW_FIELDS) {
    const value = update[field];
    if (value !== undefined) Object.assign(entry, { [field]: value });
  }
  if (entry.startsOn && entry.endsOn && entry.startsOn > entry.endsOn) {
    throw new OperatorError('OPERATOR.INVALID_REQUEST', 'endsOn: endsOn is before startsOn');
  }
  const same = ROW_FIELDS.every((key) => entry[key] === before[key]);
  return { change: same ? 'unchanged' : 'updated', entry };
}
