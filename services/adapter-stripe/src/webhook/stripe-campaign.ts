import { CampaignRef, MappingContext, WebhookError } from '@donations/adapter-kit';
import type { StripeMetadata } from './dto/stripe-event.dto';

/**
 * The campaign a Stripe object is for, from its metadata (set by the charity's checkout, on the
 * Checkout Session and, through `payment_intent_data.metadata`, on the PaymentIntent and its
 * charges): `campaignId` + `charityId` pass through; else `projectId` goes through the registry;
 * else, given `acceptedPayment`, the campaign a donation of that payment was already accepted for
 * (a refund, or a charge whose checkout session carried the metadata). Else UNKNOWN_CAMPAIGN.
 */
export async function campaignOf(
  metadata: StripeMetadata,
  context: MappingContext,
  acceptedPayment?: string,
): Promise<CampaignRef> {
  const campaignId = ownValue(metadata, 'campaignId');
  const charityId = ownValue(metadata, 'charityId');
  if (campaignId && charityId) return { campaignId, charityId };
  const projectId = ownValue(metadata, 'projectId');
  if (projectId) return context.resolveCampaign(projectId);
  if (acceptedPayment !== undefined) {
    const donation = await context.campaignOfTransaction(acceptedPayment);
    if (donation) return donation;
  }
  throw new WebhookError(
    'WEBHOOK.UNKNOWN_CAMPAIGN',
    'metadata names no campaign (campaignId + charityId, or projectId) and no donation is known',
  );
}

function ownValue(metadata: StripeMetadata, key: string): string | undefined {
  if (!metadata || !Object.hasOwn(metadata, key)) return undefined;
  const value = metadata[key].trim();
  return value.length > 0 ? value : undefined;
}
