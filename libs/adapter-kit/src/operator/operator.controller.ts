import { Controller, Get, Inject, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import {
  CampaignRegistrationSchema,
  CampaignRegistrationUpdateSchema,
  PlatformSchema,
  RedriveRequestSchema,
  RenormaliseRequestSchema,
  RedriveAnswerSchema,
  RenormaliseAnswerSchema,
  CampaignRegistryViewSchema,
  CampaignRegistrationResultSchema,
} from '@donations/contracts';
import { ApiView } from '@donations/observability';
import type { AdapterOptions } from '../adapter-connections.module';
import {
  ADAPTER_OPTIONS,
  PLATFORM_MAPPING,
  SERVICE_LOGGER,
  WEBHOOK_PROTOCOL,
} from '../adapter-kit.tokens';
import type { PlatformMapping } from '../pipeline/platform-mapping';
import type { WebhookProtocol } from '../pipeline/webhook-protocol';
import { WebhookReceiptsRepository } from '../receipts/webhook-receipts.repository';
import { WebhookPipeline } from '../pipeline/webhook-pipeline';
import { CampaignRegistryRepository } from '../registry/campaign-registry.repository';
import { RegistryAdminRepository } from '../registry/registry-admin.repository';
import { answerOperator } from './operator-answer';
import { operatorOf, parseOperatorBody } from './operator-request';
import { redriveLetter } from './redrive-letter';
import { Renormaliser } from './renormaliser';

/**
 * The operators' endpoints of an adapter, behind `Authorization: Bearer <OPERATOR_TOKEN>`:
 * re-drive a dead-lettered request, re-normalise donations.raw records, list and add campaign
 * registrations (audited).
 */
@ApiTags('operator')
@Controller('operator')
export class OperatorController {
  constructor(
    @Inject(WebhookPipeline) private readonly pipeline: WebhookPipeline<unknown>,
    @Inject(RegistryAdminRepository) private readonly registry: RegistryAdminRepository,
    @Inject(CampaignRegistryRepository) private readonly resolver: CampaignRegistryRepository,
    @Inject(ADAPTER_OPTIONS) private readonly options: AdapterOptions,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @Inject(WEBHOOK_PROTOCOL) private readonly protocol: WebhookProtocol<unknown>,
    @Inject(PLATFORM_MAPPING) private readonly mapping: PlatformMapping<unknown>,
    @Inject(WebhookReceiptsRepository) private readonly receipts: WebhookReceiptsRepository,
  ) {}

  @Post('redrive')
  @ApiOperation({ summary: 'Re-drive a dead-lettered request authenticated when received' })
  @ApiView(RedriveAnswerSchema, { description: 'counted, or still failing with its reason' })
  redrive(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(request, reply, () => {
      const input = parseOperatorBody(RedriveRequestSchema, request.body);
      return redriveLetter(this.pipeline, this.options.platform, input);
    });
  }

  @Post('renormalise')
  @ApiOperation({
    summary: 'Map donations.raw records again with the current registry (?dryRun=true)',
  })
  @ApiView(RenormaliseAnswerSchema, { description: "each record's outcome" })
  renormalise(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(request, reply, () => {
      const input = parseOperatorBody(RenormaliseRequestSchema, request.body);
      const { dryRun } = request.query as { dryRun?: string };
      return this.renormaliser().renormalise(input.records, dryRun === 'true');
    });
  }

  @Get('registry/campaigns')
  @ApiOperation({ summary: 'List campaign registrations (?platform= to filter)' })
  @ApiView(CampaignRegistryViewSchema, { description: 'every registration', isArray: true })
  list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(request, reply, () => {
      const { platform } = request.query as { platform?: string };
      return this.registry.list(
        platform === undefined ? undefined : PlatformSchema.parse(platform),
      );
    });
  }

  @Post('registry/campaigns')
  @ApiOperation({ summary: 'Register a platform project id to a campaign (?dryRun=true)' })
  @ApiView(CampaignRegistrationResultSchema, { description: 'what was (or would be) done' })
  add(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(request, reply, async () => {
      const actor = operatorOf(request.headers['x-operator']);
      const entry = parseOperatorBody(CampaignRegistrationSchema, request.body);
      const { dryRun } = request.query as { dryRun?: string };
      const result = await this.registry.add(entry, actor, dryRun === 'true');
      this.resolver.forget(entry.platform, entry.platformProjectId);
      return result;
    });
  }

  @Patch('registry/campaigns')
  @ApiOperation({ summary: 'Point a registered id at another campaign or charity (?dryRun=true)' })
  @ApiView(CampaignRegistrationResultSchema, { description: 'what was (or would be) done' })
  update(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(request, reply, async () => {
      const actor = operatorOf(request.headers['x-operator']);
      const update = parseOperatorBody(CampaignRegistrationUpdateSchema, request.body);
      const { dryRun } = request.query as { dryRun?: string };
      const result = await this.registry.update(update, actor, dryRun === 'true');
      this.resolver.forget(update.platform, update.platformProjectId);
      return result;
    });
  }

  private renormaliser(): Renormaliser {
    return new Renormaliser({
      platform: this.options.platform,
      pipeline: this.pipeline,
      protocol: this.protocol,
      mapping: this.mapping,
      registry: this.resolver,
      receipts: this.receipts,
      donorHashKey: this.options.config.DONOR_HASH_KEY,
    });
  }

  private answer(
    request: FastifyRequest,
    reply: FastifyReply,
    handle: () => Promise<unknown>,
  ): Promise<FastifyReply> {
    const context = { token: this.options.config.OPERATOR_TOKEN, logger: this.logger };
    return answerOperator(context, request, reply, handle);
  }
}
