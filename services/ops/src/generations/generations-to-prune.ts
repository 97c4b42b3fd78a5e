/** What a generation's listing says, the aggregator's and the statistics' alike. */
interface ListedGeneration {
  readonly generation: number;
  readonly state: string;
  readonly prunedAt: string | null;
}

/**
 * The retired generations to prune, keeping the `keep` newest retired ones: never the active
 * one, never one building, never one pruned already.
 */
export function generationsToPrune(
  generations: readonly ListedGeneration[],
  keep: number,
): number[] {
  const retired = generations
    .filter((g) => g.state === 'retired' && g.prunedAt === null)
    .map((g) => g.generation)
    .sort((a, b) => b - a);
  return retired.slice(Math.max(0, keep)).sort((a, b) => a - b);
}
