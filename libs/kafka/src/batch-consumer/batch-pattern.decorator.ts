import { BaseRpcContext, EventPattern } from '@nestjs/microservices';
import type { TopicName } from '@donations/contracts';
import type { ConsumedBatch } from './batch-consumer.types';

/** The transport id of BatchConsumerServer: @BatchPattern handlers bind to it only. */
export const BATCH_CONSUMER_TRANSPORT = Symbol('BATCH_CONSUMER');

/** The second argument of a batch handler (`@Ctx()`): the batch's origin and a heartbeat. */
export class BatchContext extends BaseRpcContext<[ConsumedBatch, () => Promise<void>]> {
  getBatch(): ConsumedBatch {
    return this.args[0];
  }

  /** Keeps the group membership alive during a long step of the handler. */
  heartbeat(): Promise<void> {
    return this.args[1]();
  }
}

export type BatchHandler<T extends TopicName> = (
  batch: ConsumedBatch<T>,
  context: BatchContext,
) => Promise<void>;

/**
 * Marks a controller method as the batch handler of a topic (its contract name, without prefix):
 * `@BatchPattern(TOPICS.donationsNormalized) apply(batch: ConsumedBatch<...>): Promise<void>`.
 * The method resolves when the batch's effect and its next offset are durable; if it throws,
 * the same batch is delivered again after a backoff.
 */
export function BatchPattern<T extends TopicName>(topic: T) {
  const decorate = EventPattern(topic, BATCH_CONSUMER_TRANSPORT) as MethodDecorator;
  return <M extends BatchHandler<T>>(
    target: object,
    propertyKey: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    decorate(target, propertyKey, descriptor);
  };
}
