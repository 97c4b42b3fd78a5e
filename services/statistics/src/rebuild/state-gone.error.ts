/**
 * The partition has no stored offset and the batch does not start at its earliest offset: the
 * state in Redis is gone (flushed, or Redis restarted empty) while the consumer ran. The script
 * changed nothing; the service begins a rebuild and the consumer goes back to the earliest offsets.
 */
export class StateGoneError extends Error {
  readonly code = 'STATS.STATE_GONE';

  constructor(
    readonly partition: number,
    readonly firstOffset: string,
    detail: string,
  ) {
    super(`partition ${partition}: batch at ${firstOffset} refused, the state is gone (${detail})`);
  }
}
