/**
 * The stored offset of the partition is not where the batch starts: another consumer instance
 * applied this range, or the batch was applied before. The script changed nothing; the batch
 * consumer reloads the stored offset and seeks there.
 */
export class OffsetFenceError extends Error {
  readonly code = 'STATS.OFFSET_FENCED';

  constructor(
    readonly partition: number,
    readonly firstOffset: string,
    detail: string,
  ) {
    super(`partition ${partition}: batch at ${firstOffset} fenced (${detail})`);
  }
}
