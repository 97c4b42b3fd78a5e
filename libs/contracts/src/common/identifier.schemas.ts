import { z } from 'zod';

/** Platform transaction and refund ids: whatever the platform sends, bounded. */
export const ExternalIdSchema = z.string().min(1).max(128);

/** campaignId: the 慈善中国 filing number, or the platform's project id mapped to it. */
export const CampaignIdSchema = z.string().min(1).max(64);
