import { z } from 'zod';
import { Platform } from '../donations/platform';

/**
 * What a statistic covers, and the key of the stats topics: `global`, `campaign:<campaignId>`,
 * `charity:<USCC>` or `platform:<platform id>`.
 */
export const STATS_SCOPE_PATTERN =
  /^(global|campaign:\S{1,64}|charity:[0-9A-HJ-NPQRTUWXY]{18}|platform:[a-z0-9-]{1,32})$/;

export const StatsScopeSchema = z.string().regex(STATS_SCOPE_PATTERN, 'must be a stats scope');

export const GLOBAL_SCOPE = 'global';

export function campaignScope(campaignId: string): string {
  return `campaign:${campaignId}`;
}

export function charityScope(charityId: string): string {
  return `charity:${charityId}`;
}

export function platformScope(platform: Platform): string {
  return `platform:${platform}`;
}
