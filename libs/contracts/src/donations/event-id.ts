import { sha1 } from '@noble/hashes/legacy.js';
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
  return uuidV5(parts.join('|'));
}

/** With the u flag a surrogate pair is one code point: only a lone surrogate matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The namespace's bytes, then the name's UTF-8: grown when a name does not fit (rare). */
let scratch = Buffer.alloc(512);
Buffer.from(DONATION_EVENT_NAMESPACE.replace(/-/g, ''), 'hex').copy(scratch);

/**
 * RFC 9562 UUIDv5 of `name` in DONATION_EVENT_NAMESPACE. SHA-1 from @noble/hashes over one
 * scratch buffer: node:crypto costs a hash object and an OpenSSL context per call, and every
 * event's id is checked when it is consumed. event-id.spec.ts pins it to `uuid`'s v5.
 */
function uuidV5(name: string): string {
  if (LONE_SURROGATE.test(name)) {
    // Not text UTF-8 can carry (the uuid package threw a URIError here too): no id.
    throw new URIError('an id with a lone surrogate has no UTF-8 form');
  }
  const length = 16 + Buffer.byteLength(name, 'utf8');
  if (length > scratch.length) {
    const grown = Buffer.alloc(2 * length);
    scratch.copy(grown, 0, 0, 16);
    scratch = grown;
  }
  scratch.write(name, 16, 'utf8');
  const hash = Buffer.from(sha1(scratch.subarray(0, length)).buffer, 0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
