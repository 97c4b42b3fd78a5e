import type { DonationEventV1, RenormalisedEvent, RenormalisedFigures } from '@donations/contracts';
import type { WebhookReceipt } from '../receipts/webhook-receipt.entity';

/** What an event says that counts (no donor, no envelope), its instant in UTC. */
export function figuresOfEvent(event: DonationEventV1): RenormalisedFigures {
  return {
    type: event.type,
    campaignId: event.campaignId,
    charityId: event.charityId,
    amountMinor: event.amountMinor,
    currency: event.currency,
    occurredAt: new Date(event.occurredAt).toISOString(),
  };
}

/** The same figures of an event as its receipt recorded it when it was emitted. */
export function figuresOfReceipt(receipt: WebhookReceipt): RenormalisedFigures {
  return {
    type: receipt.type === 'donation.refunded' ? 'donation.refunded' : 'donation.completed',
    campaignId: receipt.campaignId,
    charityId: receipt.charityId.trim(),
    amountMinor: Number(receipt.amountMinor),
    currency: receipt.currency.trim(),
    occurredAt: new Date(receipt.occurredAt).toISOString(),
  };
}

const sameFigures = (a: RenormalisedFigures, b: RenormalisedFigures): boolean =>
  (Object.keys(a) as (keyof RenormalisedFigures)[]).every((key) => a[key] === b[key]);

/**
 * Each event the current mapping gives against what was emitted before under its id (the
 * adapters' receipts): `new`, `same`, or `differs` with the figures emitted then.
 */
export function compareWithReceipts(
  events: readonly DonationEventV1[],
  receipts: readonly WebhookReceipt[],
): RenormalisedEvent[] {
  const before = new Map(receipts.map((receipt) => [receipt.eventId, receipt]));
  return events.map((event) => {
    const after = figuresOfEvent(event);
    const receipt = before.get(event.eventId);
    if (receipt === undefined)
      return { eventId: event.eventId, status: 'new', after, before: null };
    const was = figuresOfReceipt(receipt);
    const status = sameFigures(after, was) ? 'same' : 'differs';
    return { eventId: event.eventId, status, after, before: was };
  });
}
