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

/** A sorted set's member and score, as ZRANGE ... WITHSCORES returns them. */
export interface ScoredMember {
  value: string;
  score: number;
}

/** Entries from ZRANGE ... REV WITHSCORES, highest first. */
export function entriesOf(withScores: readonly ScoredMember[]): LeaderboardEntry[] {
  return withScores.map(({ value, score }, i) => ({ rank: i + 1, id: value, value: score }));
}
