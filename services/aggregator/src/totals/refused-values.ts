import { QueryFailedError, type EntityManager } from 'typeorm';
import type { AggregateErrorCode } from './totals.errors';

/** The dead-letter reason of an event whose values PostgreSQL refuses to store. */
export const VALUE_REFUSED = 'AGGREGATE.VALUE_REFUSED' satisfies AggregateErrorCode;

/** The SQLSTATE of a PostgreSQL error, if the error is one. */
export function sqlStateOf(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** unique_violation: two writers raced (the ledger's own duplicates are ON CONFLICT DO NOTHING). */
const UNIQUE_VIOLATION = '23505';
/** program_limit_exceeded: a value too large for an index row, say. */
const PROGRAM_LIMIT_EXCEEDED = '54000';

/**
 * Whether PostgreSQL refused the data itself, so that trying the same events again can only fail
 * again: data exceptions (class 22: a NUL in text, a year 0000, a value out of range) and
 * integrity violations (class 23) other than a unique violation, which a concurrent writer can
 * cause. Everything else (connection lost, serialization failure, deadlock, PostgreSQL shutting
 * down, a missing table) is retriable: the batch is tried again and no event is dead-lettered.
 */
export function isRefusedValue(error: unknown): boolean {
  const state = sqlStateOf(error);
  if (state === undefined || state === UNIQUE_VIOLATION) return false;
  return state.startsWith('22') || state.startsWith('23') || state === PROGRAM_LIMIT_EXCEEDED;
}

/** An event set aside because PostgreSQL refused it, with what PostgreSQL said. */
export interface Refused<E> {
  readonly event: E;
  readonly sqlState: string;
  readonly detail: string;
}

export interface AppliedWithout<E, R> {
  readonly applied: R;
  /** In offset order. */
  readonly refused: readonly Refused<E>[];
}

/**
 * Applies `events` inside the caller's transaction, leaving out each event PostgreSQL refuses.
 * After a refused attempt it bisects: the culprit is the event whose prefix is the shortest that
 * fails (each probe in a savepoint rolled back), so a refusal that depends on earlier events of
 * the batch is found too. Then the rest is applied again. Other errors are thrown unchanged.
 */
export async function applyWithoutRefused<E, R>(
  manager: EntityManager,
  events: readonly E[],
  apply: (events: readonly E[]) => Promise<R>,
): Promise<AppliedWithout<E, R>> {
  const refused: Refused<E>[] = [];
  let remaining = events;
  for (;;) {
    const attempt = await probe(manager, () => apply(remaining), { keep: true });
    if (!attempt.failed) return { applied: attempt.result, refused: sortedBy(events, refused) };
    if (!isRefusedValue(attempt.error) || remaining.length === 0) throw attempt.error;
    const culprit = await firstRefused(manager, remaining, apply, attempt.error);
    refused.push(culprit);
    remaining = remaining.filter((event) => event !== culprit.event);
  }
}

async function firstRefused<E, R>(
  manager: EntityManager,
  events: readonly E[],
  apply: (events: readonly E[]) => Promise<R>,
  refusal: unknown,
): Promise<Refused<E>> {
  // Invariant: the first `good` events apply, the first `bad` ones are refused with `error`.
  let good = 0;
  let bad = events.length;
  let error = refusal;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    const outcome = await probe(manager, () => apply(events.slice(0, middle)), { keep: false });
    if (!outcome.failed) {
      good = middle;
    } else if (isRefusedValue(outcome.error)) {
      bad = middle;
      error = outcome.error;
    } else {
      throw outcome.error;
    }
  }
  return { event: events[bad - 1], sqlState: sqlStateOf(error) ?? '', detail: detailOf(error) };
}

type Outcome<R> = { failed: false; result: R } | { failed: true; error: unknown };

/** Runs `work` in a savepoint; rolled back when it fails, or always unless `keep`. */
async function probe<R>(
  manager: EntityManager,
  work: () => Promise<R>,
  { keep }: { keep: boolean },
): Promise<Outcome<R>> {
  await manager.query('SAVEPOINT refused_values');
  let outcome: Outcome<R>;
  try {
    outcome = { failed: false, result: await work() };
  } catch (error) {
    outcome = { failed: true, error };
  }
  if (outcome.failed || !keep) await manager.query('ROLLBACK TO SAVEPOINT refused_values');
  await manager.query('RELEASE SAVEPOINT refused_values');
  return outcome;
}

function sortedBy<E>(events: readonly E[], refused: readonly Refused<E>[]): Refused<E>[] {
  return [...refused].sort((a, b) => events.indexOf(a.event) - events.indexOf(b.event));
}

/** What PostgreSQL said, bounded (it may quote the refused value: the dead letter has it anyway). */
function detailOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 300);
}
