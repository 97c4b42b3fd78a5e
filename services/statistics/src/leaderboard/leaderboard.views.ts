import type { LeaderboardKind } from '../stats/stats.keys';

export interface LeaderboardEntry {
  /** 1 for the highest. */
  rank: number;
  /** The campaignId or charityId (USCC). */
  id: string;
  /** Net minor units (by=net) or the unique-donor estimate (by=donors). */
  value: number;
}

export interface LeaderboardView {
  kind: LeaderboardKind;
  by: 'net' | 'donors';
  /** The currency of a net leaderboard; null for donors. */
  currency: string | null;
  entries: LeaderboardEntry[];
}

/** Entries from ZRANGE ... REV WITHSCORES: member, score, member, score, ... */
export function entriesOf(withScores: readonly string[]): LeaderboardEntry[] {
  const entries: LeaderboardEntry[] = [];
  for (let i = 0; i + 1 < withScores.length; i += 2) {
    entries.push({ rank: entries.length + 1, id: withScores[i], value: Number(withScores[i + 1]) });
  }
  return entries;
}
