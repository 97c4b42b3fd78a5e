import type { Logger } from 'pino';
import { DonationEventV1, rawWebhookBodyKey, rawWebhookKey, TOPICS } from '@donations/contracts';
import { BatchingProducer, DeadLetterPublisher } from '@donations/kafka';
import type { CampaignRegistryRepository } from '../registry/campaign-registry.repository';
import type { WebhookReceiptsRepository } from '../receipts/webhook-receipts.repository';
import { toDonationEvent } from './event-factory';
import type { MappingContext, PlatformMapping } from './platform-mapping';
import { keptHeaders, rawRecord, rejectedRawKey } from './raw-record';
import { classify, ClassifiedRejection } from './rejection';
import type { TransactionLock } from './transaction-lock';
import type { WebhookProtocol } from './webhook-protocol';
import type { WebhookAnswer, WebhookRequest } from './webhook-request';
import { WebhookError } from './webhook.errors';
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

/** A payload that passed verification (or was authenticated when first received). */
interface Verified<P> {
  payload: P;
}

/**
 * The path every webhook takes: verify on raw bytes, map to DonationEvents, make the raw request
 * and the events durable in Kafka (acks=all), and only then answer success. Anything rejected
 * goes to donations.dlq with its reason code before the failure answer, and, when it passed
 * verification, to donations.raw with the outcome as well; if either cannot be written the
 * answer is 503, so the platform retries and nothing is lost.
 */
export class WebhookPipeline<P> {
  constructor(private readonly deps: WebhookPipelineDeps<P>) {}

  async handle(request: WebhookRequest): Promise<WebhookAnswer> {
    const { metrics } = this.deps;
    const endTimer = metrics.duration.startTimer({ platform: request.platform });
    let verified: Verified<P> | undefined;
    try {
      verified = { payload: await this.deps.protocol.verify(request) };
      const events = await this.process(request, verified.payload, { redrive: false });
      metrics.requests.inc({ platform: request.platform, outcome: 'accepted' });
      for (const event of events)
        metrics.events.inc({ platform: event.platform, type: event.type });
      return this.deps.protocol.success();
    } catch (error) {
      return await this.reject(request, classify(error), error, verified);
    } finally {
      endTimer();
    }
  }

  /**
   * Re-drives a dead-lettered request that was authenticated when received: its bytes are
   * decoded without checking the signature again (its timestamp is stale by now), then mapped
   * with the current registry, read afresh, and emitted with the same deterministic ids. Its raw
   * record is on donations.raw already. Throws what the mapping throws (WebhookError, ...).
   */
  async redrive(request: WebhookRequest): Promise<DonationEventV1[]> {
    const { protocol } = this.deps;
    if (!protocol.decode) {
      throw new WebhookError('WEBHOOK.INVALID_EVENT', 'this protocol cannot decode a dead letter');
    }
    const payload = await protocol.decode(request);
    return this.process(request, payload, { redrive: true });
  }

  /** Maps and emits a verified payload; resolves with the events once Kafka acknowledged them. */
  private process(request: WebhookRequest, payload: P, mode: Mode): Promise<DonationEventV1[]> {
    const key = this.deps.mapping.serializationKeyOf?.(payload);
    if (key === undefined) return this.mapAndEmit(request, payload, false, mode);
    return this.deps.lock.withLock(`${request.platform}:${key}`, () =>
      this.mapAndEmit(request, payload, true, mode),
    );
  }

  /** `stateful`: the drafts were computed from receipts, so a receipt must not be lost. */
  private async mapAndEmit(
    request: WebhookRequest,
    payload: P,
    stateful: boolean,
    mode: Mode,
  ): Promise<DonationEventV1[]> {
    const { mapping, donorHashKey } = this.deps;
    const txnId = mapping.transactionIdOf(payload);
    const drafts = await mapping.toDrafts(payload, this.contextFor(request, mode));
    const envelope = { ...request, donorHashKey };
    const events = drafts.map((draft) => toDonationEvent(draft, envelope));
    await this.emit(request, mode.redrive ? undefined : txnId, events);
    if (stateful) {
      await this.deps.receipts.record(events, 'webhook');
    } else {
      await this.recordReceipts(request, events);
    }
    return events;
  }

  /** The events, and the raw request unless `txnId` is undefined (a re-drive: it is there). */
  private async emit(
    request: WebhookRequest,
    txnId: string | undefined,
    events: DonationEventV1[],
  ) {
    const { correlationId } = request;
    const raw = rawRecord(request, this.keptHeaders(request), { status: 'accepted' });
    const rawKey = txnId === undefined ? undefined : rawWebhookKey(request.platform, txnId);
    await this.deps.producer.send([
      ...(rawKey === undefined
        ? []
        : [
            {
              topic: TOPICS.donationsRaw,
              messages: [{ key: rawKey, value: raw, correlationId }],
            },
          ]),
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
   * `verified`: the request passed verification (or its signature did, and what followed
   * failed: an authenticated WebhookError), so its raw record goes to donations.raw with the
   * rejection, and its dead letter keeps its bytes whole; otherwise the dead letter keeps only a
   * hash and a bounded prefix. Both are durable before the answer.
   */
  private async reject(
    request: WebhookRequest,
    rejection: ClassifiedRejection,
    error: unknown,
    verified: Verified<P> | undefined,
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
    const authenticated =
      verified !== undefined || (error instanceof WebhookError && error.authenticated);
    try {
      await Promise.all([
        this.deps.deadLetters.publish({
          reason: rejection.code,
          message: rejection.message,
          originalBytes: request.rawBody,
          unauthenticated: !authenticated,
          headers: this.keptHeaders(request),
          correlationId,
        }),
        authenticated && this.recordRejected(request, rejection, verified),
      ]);
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

  /** Keyed by its transaction when the payload names one, else by its bytes. */
  private recordRejected(
    request: WebhookRequest,
    rejection: ClassifiedRejection,
    verified: Verified<P> | undefined,
  ) {
    const { code: reason, message } = rejection;
    const value = rawRecord(request, this.keptHeaders(request), {
      status: 'rejected',
      reason,
      message: message.slice(0, 2000),
    });
    const key = verified
      ? rejectedRawKey(this.deps.mapping, request, verified.payload)
      : rawWebhookBodyKey(request.platform, request.rawBody);
    const { correlationId } = request;
    return this.deps.producer.send([
      { topic: TOPICS.donationsRaw, messages: [{ key, value, correlationId }] },
    ]);
  }

  /** A re-drive reads the registry afresh: the campaign was registered a moment ago. */
  private contextFor(request: WebhookRequest, mode: Mode): MappingContext {
    const { registry, receipts } = this.deps;
    const fresh = mode.redrive;
    return {
      receivedAt: request.receivedAt,
      correlationId: request.correlationId,
      resolveCampaign: (projectId) => registry.resolve(request.platform, projectId, { fresh }),
      campaignOfTransaction: (txnId) => receipts.campaignOfTransaction(request.platform, txnId),
      settleRefunds: async (report) =>
        (await receipts.settleRefunds(request.platform, { ...report, source: 'webhook' })).toEmit,
    };
  }

  private keptHeaders(request: WebhookRequest): Record<string, string> {
    return keptHeaders(request, this.deps.protocol.keptHeaders);
  }
}

interface Mode {
  /** Re-driving a dead letter: no raw record (it has one), the registry read afresh. */
  redrive: boolean;
}

function unavailable(): ClassifiedRejection {
  return {
    code: 'WEBHOOK.UNAVAILABLE',
    message: 'rejection could not be recorded; retry later',
    status: 503,
  };
}
