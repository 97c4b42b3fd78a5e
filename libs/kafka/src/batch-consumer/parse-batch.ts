import {
  CorrelationIdSchema,
  parseTopicPayload,
  TopicName,
  TopicPayloads,
} from '@donations/contracts';
import type { DeadLetterInput } from '../dead-letter.publisher';
import { CORRELATION_ID_HEADER } from '../typed-producer';
import type { ConsumedBatch, ConsumedMessage } from './batch-consumer.types';

/** Why a message cannot be applied: stable reason codes for donations.dlq. */
export const MESSAGE_REJECTIONS = {
  emptyValue: 'MESSAGE.EMPTY_VALUE',
  invalidJson: 'MESSAGE.INVALID_JSON',
  schemaInvalid: 'MESSAGE.SCHEMA_INVALID',
} as const;

export type MessageRejection = (typeof MESSAGE_REJECTIONS)[keyof typeof MESSAGE_REJECTIONS];

export interface ParsedMessage<T extends TopicName> {
  message: ConsumedMessage;
  value: TopicPayloads[T];
}

export interface RejectedMessage {
  message: ConsumedMessage;
  reason: MessageRejection;
  /** What is wrong, without the payload: `amountMinor: expected int` lines. */
  detail: string;
}

export interface ParsedBatch<T extends TopicName> {
  valid: ParsedMessage<T>[];
  rejected: RejectedMessage[];
}

/**
 * Decodes and validates every message of a batch against its topic's contract schema, keeping
 * the offset order in both lists. Rejected ones are the handler's to dead-letter (with
 * `deadLetterOf`) in the same step that applies the valid ones: none is dropped.
 */
export function parseBatch<T extends TopicName>(batch: ConsumedBatch<T>): ParsedBatch<T> {
  const parsed: ParsedBatch<T> = { valid: [], rejected: [] };
  for (const message of batch.messages) {
    const outcome = parseMessage(batch.topic, message);
    if ('reason' in outcome) parsed.rejected.push(outcome);
    else parsed.valid.push(outcome);
  }
  return parsed;
}

function parseMessage<T extends TopicName>(
  topic: T,
  message: ConsumedMessage,
): ParsedMessage<T> | RejectedMessage {
  if (message.value === null || message.value.length === 0) {
    return { message, reason: MESSAGE_REJECTIONS.emptyValue, detail: 'the message has no value' };
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'not JSON';
    return { message, reason: MESSAGE_REJECTIONS.invalidJson, detail };
  }
  const result = parseTopicPayload(topic, decoded);
  if (!result.ok) {
    return { message, reason: MESSAGE_REJECTIONS.schemaInvalid, detail: result.issues.join('; ') };
  }
  return { message, value: result.value };
}

/** The dead letter of a rejected message: original bytes, reason and where it came from. */
export function deadLetterOf(batch: ConsumedBatch, rejected: RejectedMessage): DeadLetterInput {
  const { message } = rejected;
  return {
    reason: rejected.reason,
    message: rejected.detail,
    originalBytes: message.value ?? Buffer.alloc(0),
    originalKey: message.key ?? undefined,
    originalTopic: batch.topic,
    originalPartition: batch.partition,
    originalOffset: message.offset,
    headers: message.headers,
    correlationId: correlationIdOf(message),
  };
}

/** The message's correlation header if it is a valid one (a dead letter must stay valid). */
function correlationIdOf(message: ConsumedMessage): string | undefined {
  const header = message.headers[CORRELATION_ID_HEADER];
  return CorrelationIdSchema.safeParse(header).success ? header : undefined;
}
