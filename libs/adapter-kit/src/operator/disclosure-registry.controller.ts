import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import {
  CampaignIdSchema,
  DisclosureRecordSchema,
  DisclosureRecordViewSchema,
} from '@donations/contracts';
import { ApiView } from '@donations/observability';
import type { AdapterOptions } from '../adapter-connections.module';
import { ADAPTER_OPTIONS, SERVICE_LOGGER } from '../adapter-kit.tokens';
import { DisclosureRecordsRepository } from '../registry/disclosure-records.repository';
import { answerOperator } from './operator-answer';
import { operatorOf, parseOperatorBody } from './operator-request';

/**
 * The 慈善中国 disclosures charities have made (date and link per campaign, kind and period),
 * behind the operator token; each change audited. The dashboard's calendar reads them.
 */
@ApiTags('operator')
@Controller('operator/registry/disclosures')
export class DisclosureRegistryController {
  constructor(
    @Inject(DisclosureRecordsRepository) private readonly disclosures: DisclosureRecordsRepository,
    @Inject(ADAPTER_OPTIONS) private readonly options: AdapterOptions,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List recorded disclosures (?campaignId= to filter)' })
  @ApiView(DisclosureRecordViewSchema, { description: 'every recorded disclosure', isArray: true })
  list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(request, reply, () => {
      const { campaignId } = request.query as { campaignId?: string };
      return this.disclosures.list(
        campaignId === undefined ? undefined : CampaignIdSchema.parse(campaignId),
      );
    });
  }

  @Post()
  @ApiOperation({
    summary: "Record a campaign's disclosure as made on 慈善中国 (replaces the same period's)",
  })
  @ApiView(DisclosureRecordViewSchema, { description: 'the disclosure as recorded' })
  record(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(request, reply, () =>
      this.disclosures.record(
        parseOperatorBody(DisclosureRecordSchema, request.body),
        operatorOf(request.headers['x-operator']),
      ),
    );
  }

  private answer(request: FastifyRequest, reply: FastifyReply, handle: () => Promise<unknown>) {
    const context = { token: this.options.config.OPERATOR_TOKEN, logger: this.logger };
    return answerOperator(context, request, reply, handle);
  }
}
