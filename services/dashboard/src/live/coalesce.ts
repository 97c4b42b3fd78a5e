import { asyncScheduler, Observable, SchedulerLike, throttleTime } from 'rxjs';

/**
 * At most one signal per `intervalMs`: the first change goes out at once, and changes that come
 * during the interval are merged into one that goes out at its end, so the last change is never
 * lost and a burst of thousands of messages costs a page a few updates a second.
 */
export function coalesce<T>(
  changes: Observable<T>,
  intervalMs: number,
  scheduler: SchedulerLike = asyncScheduler,
): Observable<T> {
  return changes.pipe(throttleTime(intervalMs, scheduler, { leading: true, trailing: true }));
}
