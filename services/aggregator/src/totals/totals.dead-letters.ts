/** The dead letters of the totals' rules: each with the event's original bytes and a reason. */
import type { DonationEventV1, DonationRefundedV1, TOPICS } from '@donations/contracts';
import type { ConsumedBatch, DeadLetterInput, ParsedMessage } from '@donations/kafka';
import type { LedgerOrigin } from './ledger.sql';
import { TOTAL_OVERFLOW } from './overflow.fold';
import { REFUND_EXCEEDS_DONATION } from './refund.fold';
import { Refused, VALUE_REFUSED } from './refused-values';

type Normalized = typeof TOPICS.donationsNormalized;
type Parsed = ParsedMessage<Normalized>;

const EXCEEDS_MESSAGE = 'the refunds of the transaction would exceed its donation';

export interface Rejection {
  readonly reason: string;
  readonly message: string;
}

export const EXCEEDS: Rejection = { reason: REFUND_EXCEEDS_DONATION, message: EXCEEDS_MESSAGE };
export const OVERFLOWS: Rejection = {
  reason: TOTAL_OVERFLOW,
  message: 'counting the event would take a total beyond the safe integer range',
};

/** An event of this batch that is dead-lettered: its original bytes, as consumed. */
export function freshLetter(
  batch: ConsumedBatch,
  fresh: readonly ParsedMessage<Normalized>[],
  event: DonationEventV1,
  rejection: Rejection,
): DeadLetterInput {
  const message = fresh.find(({ value }) => value.eventId === event.eventId)?.message;
  return {
    ...rejection,
    originalBytes: message?.value ?? Buffer.from(JSON.stringify(event)),
    originalKey: message?.key ?? event.campaignId,
    originalTopic: batch.topic,
    originalPartition: batch.partition,
    originalOffset: message?.offset,
    headers: message?.headers,
    correlationId: event.correlationId,
  };
}

/** A refund counted by an earlier batch and taken back now: the event as the ledger kept it. */
export function reversedLetter(
  batch: ConsumedBatch,
  origins: ReadonlyMap<string, LedgerOrigin>,
  refund: DonationRefundedV1,
): DeadLetterInput {
  const origin = origins.get(refund.eventId);
  return {
    reason: REFUND_EXCEEDS_DONATION,
    message: `${EXCEEDS_MESSAGE}; taken back from the totals`,
    originalBytes: Buffer.from(JSON.stringify(refund)),
    originalKey: refund.campaignId,
    originalTopic: batch.topic,
    originalPartition: origin?.partition,
    originalOffset: origin?.offset,
    correlationId: refund.correlationId,
  };
}

/** An event PostgreSQL refused: its original bytes, with what PostgreSQL said. */
export function refusedLetter(batch: ConsumedBatch, { event, sqlState, detail }: Refused<Parsed>) {
  const { message, value } = event;
  return {
    reason: VALUE_REFUSED,
    message: `PostgreSQL refused a value of the event (SQLSTATE ${sqlState}): ${detail}`,
    originalBytes: message.value ?? Buffer.from(JSON.stringify(value)),
    originalKey: message.key ?? value.campaignId,
    originalTopic: batch.topic,
    originalPartition: batch.partition,
    originalOffset: message.offset,
    headers: message.headers,
    correlationId: value.correlationId,
  } satisfies DeadLetterInput;
}
