import { storableText } from './primitive.schemas';

/** Platform transaction and refund ids: whatever the platform sends, bounded, storable as text. */
export const ExternalIdSchema = storableText(1, 128);

/** campaignId: the 慈善中国 filing number, or the platform's project id mapped to it. */
export const CampaignIdSchema = storableText(1, 64);
