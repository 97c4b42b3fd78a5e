import { v5 as uuidv5 } from 'uuid';
import { ContractError } from '../common/contract-error';
import { DonationEventType } from './donation-type';
import { Platform } from './platform';

/**
 * Namespace of every donation eventId. Never change it: ids computed before and after must match,
 * or replays and re-imports would count donations twice.
 */
export const DONATION_EVENT_NAMESPACE = '4e13ac6d-cf94-4551-a6e3-6a3b2b1aebf5';

export type EventIdErrorCode =
  'EVENT.REFUND_ID_REQUIRED' | 'EVENT.REFUND_ID_FORBIDDEN' | 'EVENT.EMPTY_ID';

/** An eventId cannot be computed from these fields. */
export class EventIdError extends ContractError {
  declare readonly code: EventIdErrorCode;

  constructor(code: EventIdErrorCode, message: string) {
    super(code, message);
  }
}

export interface DonationEventIdInput {
  platform: Platform;
  type: DonationEventType;
  platformTxnId: string;
  refundId?: string | undefined;
}

/** `|` separates the parts; a `|` or `\` inside an id is escaped so that parts never run together. */
function escapePart(part: string): string {
  return part.replace(/[\\|]/g, (c) => `\\${c}`);
}

function requireId(value: string, name: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new EventIdError('EVENT.EMPTY_ID', `${name} must be a non-empty string`);
  }
  return escapePart(value);
}

/**
 * The deterministic eventId: UUIDv5 in DONATION_EVENT_NAMESPACE of
 * `${platform}|${type}|${platformTxnId}` plus `|${refundId}` for a refund. The same donation,
 * however often it is retried, re-imported or replayed, always gets the same id.
 */
export function donationEventId(input: DonationEventIdInput): string {
  const { platform, type, platformTxnId, refundId } = input;
  const parts = [requireId(platform, 'platform'), type, requireId(platformTxnId, 'platformTxnId')];
  if (type === 'donation.refunded') {
    if (refundId === undefined) {
      throw new EventIdError('EVENT.REFUND_ID_REQUIRED', 'a refund needs a refundId');
    }
    parts.push(requireId(refundId, 'refundId'));
  } else if (refundId !== undefined) {
    throw new EventIdError('EVENT.REFUND_ID_FORBIDDEN', 'a donation has no refundId');
  }
  return uuidv5(parts.join('|'), DONATION_EVENT_NAMESPACE);
}
