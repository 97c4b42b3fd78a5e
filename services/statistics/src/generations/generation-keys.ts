import { statsKeys } from '../stats/stats.keys';

/**
 * Generations of the statistics in Redis. Generation 0 keeps the keys of statsKeys (`stats:...`);
 * generation N > 0 the same names under `stats:g<N>:...`. A shadow rebuild builds a new
 * generation beside the active one and switches it in with one script (switch.lua.ts).
 *
 * Beside them, belonging to no generation:
 * - stats:generations        hash: active (missing: 0), building, next (the last number given)
 * - stats:generations:hold   the generation switching in (expires): live batches wait
 * - stats:generations:<N>    hash: state, createdAt, activatedAt, retiredAt, prunedAt
 * - stats:published:<topic>  the versions published on the stats topics (they keep growing)
 */
export const GENERATIONS_KEY = 'stats:generations';
export const HOLD_KEY = 'stats:generations:hold';

export const generationInfoKey = (generation: number): string => `${GENERATIONS_KEY}:${generation}`;

/** The prefix of a generation's keys (under REDIS_KEY_PREFIX). */
export const generationPrefix = (generation: number): string =>
  generation === 0 ? 'stats:' : `stats:g${generation}:`;

/** A key of statsKeys (`stats:...`), as generation `generation` names it. */
export function generationKey(key: string, generation: number): string {
  if (generation === 0 || !key.startsWith('stats:')) return key;
  return `${generationPrefix(generation)}${key.slice('stats:'.length)}`;
}

/** Keys of `stats:` that are not generation 0's: other generations', the registry, versions. */
const NOT_GENERATION_ZERO = /^stats:(g\d+:|generations|published:)/;

/** Whether a key (without REDIS_KEY_PREFIX) belongs to the generation. */
export function isKeyOf(key: string, generation: number): boolean {
  if (generation !== 0) return key.startsWith(generationPrefix(generation));
  return key.startsWith('stats:') && !NOT_GENERATION_ZERO.test(key);
}

export type StatsKeys = typeof statsKeys;

/** statsKeys for one generation; the published versions stay shared by all. */
export function keysOf(generation: number): StatsKeys {
  if (generation === 0) return statsKeys;
  const g = (key: string) => generationKey(key, generation);
  return {
    offsets: (groupId, topic) => g(statsKeys.offsets(groupId, topic)),
    meta: () => g(statsKeys.meta()),
    fences: (groupId, topic) => g(statsKeys.fences(groupId, topic)),
    totals: (scope) => g(statsKeys.totals(scope)),
    donors: (scope) => g(statsKeys.donors(scope)),
    amounts: (scope) => g(statsKeys.amounts(scope)),
    ageBands: (scope) => g(statsKeys.ageBands(scope)),
    minutes: (scope) => g(statsKeys.minutes(scope)),
    hours: (scope) => g(statsKeys.hours(scope)),
    platforms: (scope) => g(statsKeys.platforms(scope)),
    topNet: (kind, currency) => g(statsKeys.topNet(kind, currency)),
    topDonors: (kind) => g(statsKeys.topDonors(kind)),
    published: (topic) => statsKeys.published(topic),
  };
}
