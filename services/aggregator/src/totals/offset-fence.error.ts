/**
 * The stored offset of the partition is not where the batch starts: another consumer instance
 * applied this range after a rebalance. The transaction is rolled back, so that no batch is
 * applied twice; the batch consumer retries until it learns the partition has gone.
 */
export class OffsetFenceError extends Error {
  readonly code = 'AGGREGATE.OFFSET_FENCED';

  constructor(
    readonly partition: number,
    readonly firstOffset: string,
    readonly storedOffset: string,
  ) {
    super(
      `partition ${partition}: stored next offset ${storedOffset} is not the batch's first offset ${firstOffset}`,
    );
  }
}
