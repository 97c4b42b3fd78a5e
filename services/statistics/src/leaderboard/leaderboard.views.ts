import type {
  LeaderboardEntryView,
  LeaderboardView as LeaderboardContract,
} from '@donations/contracts';

/** GET /stats/leaderboard: the contract of @donations/contracts (http/stats.views.ts). */
export type LeaderboardEntry = LeaderboardEntryView;
export type LeaderboardView = LeaderboardContract;

/** A sorted set's member and score, as ZRANGE ... WITHSCORES returns them. */
export interface ScoredMember {
  value: string;
  score: number;
}

/** Entries from ZRANGE ... REV WITHSCORES, highest first. */
export function entriesOf(withScores: readonly ScoredMember[]): LeaderboardEntry[] {
  return withScores.map(({ value, score }, i) => ({ rank: i + 1, id: value, value: score }));
}
