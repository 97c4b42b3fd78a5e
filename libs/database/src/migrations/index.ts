import { CampaignRegistry1764028800000 } from './1764028800000-campaign-registry';

/** Every migration, in order. A new migration is added here as well as in this folder. */
export const MIGRATIONS = [CampaignRegistry1764028800000];
