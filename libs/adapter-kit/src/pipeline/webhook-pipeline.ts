import type { Logger } from 'pino';
import { DonationEventV1, rawWebhookKey, RawWebhook, TOPICS } from '@donations/contracts';
import { BatchingProducer, DeadLetterPublisher } from '@donations/kafka';
import type { CampaignRegistryRepository } from '../registry/campaign-registry.repository';
import type { WebhookReceiptsRepository } from '../receipts/webhook-receipts.repository';
import { toDonationEvent } from './event-factory';
import type { MappingContext, PlatformMapping } from './platform-mapping';
import { classify, ClassifiedRejection } from './rejection';
import type { TransactionLock } from './transaction-lock';
import type { WebhookProtocol } from './webhook-protocol';
import type { WebhookAnswer, WebhookRequest } from './webhook-request';
import type { WebhookMetrics } from './webhook.metrics';

export interface WebhookPipelineDeps<P> {
  protocol: WebhookProtocol<P>;
  mapping: PlatformMapping<P>;
  producer: BatchingProducer;
  deadLetters: DeadLetterPublisher;
  registry: CampaignRegistryRepository;
  receipts: WebhookReceiptsRepository;
  metrics: WebhookMetrics;
  logger: Logger;
  donorHashKey: string;
  lock: TransactionLock;
}

/**
 * The path every webhook takes: verify on raw bytes, map to DonationEvents, make the raw request
 * and the events durable in Kafka (acks=all), and only then answer success. Anything rejected
 * goes to donations.dlq with its reason code before the failure answer; if even that cannot be
 * written the answer is 503, so the platform retries and nothing is lost.
 */
export class WebhookPipeline<P> {
  constructor(private readonly deps: WebhookPipelineDeps<P>) {}

  async handle(request: WebhookRequest): Promise<WebhookAnswer> {
    const { metrics } = this.deps;
    const endTimer = metrics.duration.startTimer({ platform: request.platform });
    let authenticated = false;
    try {
      const payload = await this.deps.protocol.verify(request);
      authenticated = true;
      const events = await this.process(request, payload);
      metrics.requests.inc({ platform: request.platform, outcome: 'accepted' });
      for (const event of events)
        metrics.events.inc({ platform: event.platform, type: event.type });
      return this.deps.protocol.success();
    } catch (error) {
      return await this.reject(request, classify(error), error, authenticated);
    } finally {
      endTimer();
    }
  }

  /** Maps and emits a verified payload; resolves with the events once Kafka acknowledged them. */
  private process(request: WebhookRequest, payload: P): Promise<DonationEventV1[]> {
    const key = this.deps.mapping.serializationKeyOf?.(payload);
    if (key === undefined) return this.mapAndEmit(request, payload, false);
    return this.deps.lock.withLock(`${request.platform}:${key}`, () =>
      this.mapAndEmit(request, payload, true),
    );
  }

  /** `stateful`: the drafts were computed from receipts, so a receipt must not be lost. */
  private async mapAndEmit(
    request: WebhookRequest,
    payload: P,
    stateful: boolean,
  ): Promise<DonationEventV1[]> {
    const { mapping, donorHashKey } = this.deps;
    const txnId = mapping.transactionIdOf(payload);
    const drafts = await mapping.toDrafts(payload, this.contextFor(request));
    const envelope = { ...request, donorHashKey };
    const events = drafts.map((draft) => toDonationEvent(draft, envelope));
    await this.emit(request, txnId, events);
    if (stateful) {
      await this.deps.receipts.record(events, 'webhook');
    } else {
      await this.recordReceipts(request, events);
    }
    return events;
  }

  private async emit(request: WebhookRequest, txnId: string, events: DonationEventV1[]) {
    const raw: RawWebhook = {
      platform: request.platform,
      receivedAt: request.receivedAt.toISOString(),
      method: request.method,
      path: request.path,
      headers: this.keptHeaders(request),
      bodyBase64: request.rawBody.toString('base64'),
      correlationId: request.correlationId,
    };
    const { correlationId } = request;
    await this.deps.producer.send([
      {
        topic: TOPICS.donationsRaw,
        messages: [{ key: rawWebhookKey(request.platform, txnId), value: raw, correlationId }],
      },
      {
        topic: TOPICS.donationsNormalized,
        messages: events.map((event) => ({ key: event.campaignId, value: event, correlationId })),
      },
    ]);
  }

  /** Kafka holds the events already; a failed receipt only weakens reconciliation, loudly. */
  private async recordReceipts(request: WebhookRequest, events: DonationEventV1[]) {
    try {
      await this.deps.receipts.record(events, 'webhook');
    } catch (error) {
      this.deps.metrics.receiptFailures.inc({ platform: request.platform });
      this.deps.logger.error(
        { err: error, correlationId: request.correlationId, platform: request.platform },
        'webhook receipt not recorded',
      );
    }
  }

  /**
   * `authenticated`: the request passed verification; otherwise its dead letter keeps only a
   * hash and a bounded prefix of its bytes. Keyed by a hash of the bytes, never by a header.
   */
  private async reject(
    request: WebhookRequest,
    rejection: ClassifiedRejection,
    error: unknown,
    authenticated: boolean,
  ): Promise<WebhookAnswer> {
    const { metrics, logger, protocol } = this.deps;
    const { platform, correlationId } = request;
    if (rejection.code === 'WEBHOOK.UNAVAILABLE') {
      metrics.requests.inc({ platform, outcome: 'unavailable' });
      logger.warn(
        { platform, correlationId, code: rejection.code },
        'webhook not accepted: Kafka unavailable',
      );
      return protocol.failure(rejection);
    }
    try {
      await this.deps.deadLetters.publish({
        reason: rejection.code,
        message: rejection.message,
        originalBytes: request.rawBody,
        unauthenticated: !authenticated,
        headers: this.keptHeaders(request),
        correlationId,
      });
    } catch {
      metrics.requests.inc({ platform, outcome: 'unavailable' });
      logger.warn(
        { platform, correlationId, code: rejection.code },
        'rejected webhook not dead-lettered: Kafka unavailable',
      );
      return protocol.failure(unavailable());
    }
    metrics.requests.inc({ platform, outcome: 'rejected' });
    metrics.rejections.inc({ platform, code: rejection.code });
    if (rejection.errorId) {
      logger.error(
        { platform, correlationId, errorId: rejection.errorId, err: error },
        'webhook failed',
      );
    } else {
      logger.warn(
        { platform, correlationId, code: rejection.code, reason: rejection.message },
        'webhook rejected',
      );
    }
    return protocol.failure(rejection);
  }

  private contextFor(request: WebhookRequest): MappingContext {
    const { registry, receipts } = this.deps;
    return {
      receivedAt: request.receivedAt,
      correlationId: request.correlationId,
      resolveCampaign: (projectId) => registry.resolve(request.platform, projectId),
      campaignOfTransaction: (txnId) => receipts.campaignOfTransaction(request.platform, txnId),
      settleRefunds: async (report) =>
        (await receipts.settleRefunds(request.platform, { ...report, source: 'webhook' })).toEmit,
    };
  }

  private keptHeaders(request: WebhookRequest): Record<string, string> {
    const kept: Record<string, string> = {};
    for (const name of ['content-type', ...this.deps.protocol.keptHeaders]) {
      const value = request.headers[name];
      if (value !== undefined) kept[name] = value;
    }
    return kept;
  }
}

function unavailable(): ClassifiedRejection {
  return {
    code: 'WEBHOOK.UNAVAILABLE',
    message: 'rejection could not be recorded; retry later',
    status: 503,
  };
}
