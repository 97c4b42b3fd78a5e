import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AnyTopicBatch, BatchingProducer } from '@donations/kafka';

export const DURABLE_NOOP_PATH = '/bench/durable-noop';

/** The bench's own topic (under the run's prefix); the bench creates and drops it. */
export const DURABLE_NOOP_TOPIC = 'bench.durable-noop';

/**
 * The second baseline: the no-op route plus exactly one acknowledged Kafka write of the request
 * body, through the adapter's own BatchingProducer (KafkaConnectionsModule's provider: the same
 * kafkajs producer, batcher, acks=all and ack timeout as the webhook's write), then 204. What the
 * webhook adds on top of this is verify, parse, map, the event, the registry and the receipt.
 */
@ApiExcludeController()
@Controller('bench')
export class DurableNoopController {
  constructor(@Inject(BatchingProducer) private readonly producer: BatchingProducer) {}

  @Post('durable-noop')
  async receive(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const key = String(request.headers['webhook-id'] ?? '');
    // The topic is not one of the contract's: the typed producer's map has no entry for it.
    const batch = {
      topic: DURABLE_NOOP_TOPIC,
      messages: [{ key, value: body.toString('utf8') }],
    } as unknown as AnyTopicBatch;
    await this.producer.send([batch]);
    await reply.status(204).send();
  }
}
