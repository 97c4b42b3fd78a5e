import type {
  DonationEventV1,
  Platform,
  RenormaliseAnswer,
  RenormaliseRecord,
  RenormaliseResult,
} from '@donations/contracts';
import { toDonationEvent } from '../pipeline/event-factory';
import type { MappingContext, PlatformMapping } from '../pipeline/platform-mapping';
import { classify } from '../pipeline/rejection';
import type { WebhookPipeline } from '../pipeline/webhook-pipeline';
import type { WebhookProtocol } from '../pipeline/webhook-protocol';
import type { WebhookRequest } from '../pipeline/webhook-request';
import { WebhookError } from '../pipeline/webhook.errors';
import type { CampaignRegistryRepository } from '../registry/campaign-registry.repository';
import type { WebhookReceiptsRepository } from '../receipts/webhook-receipts.repository';
import { letterRequest } from './redrive-letter';
import { compareWithReceipts } from './renormalise-figures';

export interface RenormaliserDeps {
  platform: Platform;
  pipeline: WebhookPipeline<unknown>;
  protocol: WebhookProtocol<unknown>;
  mapping: PlatformMapping<unknown>;
  registry: CampaignRegistryRepository;
  receipts: WebhookReceiptsRepository;
  donorHashKey: string;
}

/**
 * Maps donations.raw records again with the current registry (read afresh) and compares each
 * event with what was emitted under its id (the receipts). A record rejected when received that
 * now gives an event never emitted goes through the pipeline's re-drive (same deterministic ids;
 * no second raw record); one whose events were all emitted is not sent again: the ledger would
 * ignore it (it dedupes by eventId); an accepted one giving a new id is reported, not sent.
 * A dry run maps and compares only (refund state is settled in a rolled-back transaction).
 */
export class Renormaliser {
  constructor(private readonly deps: RenormaliserDeps) {}

  async renormalise(
    records: readonly RenormaliseRecord[],
    dryRun: boolean,
  ): Promise<RenormaliseAnswer> {
    const results: RenormaliseResult[] = [];
    // In order: a refund after its donation, a retried request after its first copy.
    for (const record of records) results.push(await this.one(record, dryRun));
    return { dryRun, results };
  }

  private async one(record: RenormaliseRecord, dryRun: boolean): Promise<RenormaliseResult> {
    const { acceptedWhenReceived, ...kept } = record;
    const request = letterRequest(this.deps.platform, kept);
    try {
      const preview = await this.map(request);
      const receipts = await this.deps.receipts.findByEventIds(preview.map((e) => e.eventId));
      const compared = compareWithReceipts(preview, receipts);
      const send = !dryRun && !acceptedWhenReceived && compared.some((e) => e.status === 'new');
      if (!send) {
        return { outcome: 'mapped', emitted: false, events: compared };
      }
      const emitted = await this.deps.pipeline.redrive(request);
      return { outcome: 'mapped', emitted: true, events: compareWithReceipts(emitted, receipts) };
    } catch (error) {
      const rejection = classify(error);
      // Kafka away or a bug is not the record's outcome: the request fails (503/500), retryable.
      if (rejection.status >= 500) throw error;
      return { outcome: 'failing', reason: rejection.code, message: rejection.message };
    }
  }

  /** The events the current mapping gives, without sending anything or keeping any state. */
  private async map(request: WebhookRequest): Promise<DonationEventV1[]> {
    const { protocol, mapping, donorHashKey } = this.deps;
    if (!protocol.decode) {
      throw new WebhookError('WEBHOOK.INVALID_EVENT', 'this protocol cannot decode a kept request');
    }
    const payload = await protocol.decode(request);
    const drafts = await mapping.toDrafts(payload, this.previewContext(request));
    return drafts.map((draft) => toDonationEvent(draft, { ...request, donorHashKey }));
  }

  private previewContext(request: WebhookRequest): MappingContext {
    const { registry, receipts, platform } = this.deps;
    return {
      receivedAt: request.receivedAt,
      correlationId: request.correlationId,
      resolveCampaign: (projectId) => registry.resolve(platform, projectId, { fresh: true }),
      campaignOfTransaction: (txnId) => receipts.campaignOfTransaction(platform, txnId),
      settleRefunds: async (report) =>
        (await receipts.settleRefunds(platform, { ...report, source: 'webhook' }, true)).toEmit,
    };
  }
}
