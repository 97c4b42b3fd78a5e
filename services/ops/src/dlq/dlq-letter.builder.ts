import type { DeadLetter } from '@donations/contracts';
import { DlqEntry, letterId, platformOf } from './dlq-entry';

/** A dead letter as the webhook path writes it, with overrides. */
export function aDeadLetter(overrides: Partial<DeadLetter> = {}): DeadLetter {
  return {
    reason: 'WEBHOOK.UNKNOWN_CAMPAIGN',
    message: 'no campaign registered for shuidi project p-1',
    source: 'adapter-shuidi',
    originalValueBase64: Buffer.from('{"type":"donation.paid"}').toString('base64'),
    originalSize: 24,
    originalTruncated: false,
    authenticated: true,
    headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
    receivedAt: '2026-12-06T08:00:00.000Z',
    correlationId: 'c-1',
    ...overrides,
  };
}

/** The letter at `partition:offset` on the DLQ topic. */
export function anEntry(letter: DeadLetter, offset = '0', partition = 0): DlqEntry {
  return {
    id: letterId(partition, offset),
    topic: 'donations.dlq',
    partition,
    offset,
    platform: platformOf(letter),
    letter,
    redrive: null,
  };
}
