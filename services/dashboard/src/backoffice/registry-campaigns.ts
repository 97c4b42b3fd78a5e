import type { Platform } from '@donations/contracts';

/** One row of campaign_registry (one platform id of a campaign), as the reader returns it. */
export interface RegistryCampaignRow {
  platform: Platform;
  platformProjectId: string;
  campaignId: string;
  title: string | null;
  filingNumber: string | null;
  startsOn: string | null;
  endsOn: string | null;
}

export type CampaignField = 'title' | 'filingNumber' | 'startsOn' | 'endsOn';

/** A campaign as its registry rows describe it together. */
export interface RegisteredCampaign {
  campaignId: string;
  title: string | null;
  filingNumber: string | null;
  startsOn: string | null;
  endsOn: string | null;
  platforms: { platform: Platform; platformProjectId: string }[];
  conflicts: CampaignField[];
}

const FIELDS: readonly CampaignField[] = ['title', 'filingNumber', 'startsOn', 'endsOn'];

/**
 * Merges the registry's rows of each campaign (one per platform id, registered one by one, so
 * they may disagree): title and filing number from the first registered row that has one (as
 * the live page's names), the earliest start and the latest end of the rows that have them (the
 * campaign raises while any platform does, so its disclosures cover that whole span), and the
 * fields whose non-empty values differ, for the page to ask the charity to correct. `rows` come
 * oldest registration first; campaigns are returned by id.
 */
export function mergeCampaignRows(rows: readonly RegistryCampaignRow[]): RegisteredCampaign[] {
  const byCampaign = new Map<string, RegistryCampaignRow[]>();
  for (const row of rows) {
    const list = byCampaign.get(row.campaignId) ?? [];
    list.push(row);
    byCampaign.set(row.campaignId, list);
  }
  return [...byCampaign.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([campaignId, list]) => mergeOne(campaignId, list));
}

function mergeOne(campaignId: string, rows: readonly RegistryCampaignRow[]): RegisteredCampaign {
  const present = (field: CampaignField) =>
    rows.map((row) => row[field]).filter((value): value is string => value !== null);
  const starts = present('startsOn').sort();
  const ends = present('endsOn').sort();
  return {
    campaignId,
    title: present('title')[0] ?? null,
    filingNumber: present('filingNumber')[0] ?? null,
    startsOn: starts[0] ?? null,
    endsOn: ends.at(-1) ?? null,
    platforms: rows
      .map(({ platform, platformProjectId }) => ({ platform, platformProjectId }))
      .sort((a, b) => a.platform.localeCompare(b.platform)),
    conflicts: FIELDS.filter((field) => new Set(present(field)).size > 1),
  };
}
