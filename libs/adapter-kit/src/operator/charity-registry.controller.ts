import { Controller, Get, Inject, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import {
  CharityRegistrationResultSchema,
  CharityRegistrationSchema,
  CharityRegistrationUpdateSchema,
  CharityRegistryViewSchema,
} from '@donations/contracts';
import { ApiView } from '@donations/observability';
import type { AdapterOptions } from '../adapter-connections.module';
import { ADAPTER_OPTIONS, SERVICE_LOGGER } from '../adapter-kit.tokens';
import { CharityAdminRepository } from '../registry/charity-admin.repository';
import { answerOperator } from './operator-answer';
import { operatorOf, parseOperatorBody } from './operator-request';

/** The registry's charities (USCC, name, region), behind the operator token; changes audited. */
@ApiTags('operator')
@Controller('operator/registry/charities')
export class CharityRegistryController {
  constructor(
    @Inject(CharityAdminRepository) private readonly charities: CharityAdminRepository,
    @Inject(ADAPTER_OPTIONS) private readonly options: AdapterOptions,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List registered charities' })
  @ApiView(CharityRegistryViewSchema, { description: 'every charity', isArray: true })
  list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(request, reply, () => this.charities.list());
  }

  @Post()
  @ApiOperation({ summary: 'Register a charity by its USCC, with name and region (?dryRun=true)' })
  @ApiView(CharityRegistrationResultSchema, { description: 'what was (or would be) done' })
  add(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(request, reply, () =>
      this.charities.add(
        parseOperatorBody(CharityRegistrationSchema, request.body),
        operatorOf(request.headers['x-operator']),
        dryRunOf(request),
      ),
    );
  }

  @Patch()
  @ApiOperation({ summary: "Change a charity's name or region (?dryRun=true)" })
  @ApiView(CharityRegistrationResultSchema, { description: 'what was (or would be) done' })
  update(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(request, reply, () =>
      this.charities.update(
        parseOperatorBody(CharityRegistrationUpdateSchema, request.body),
        operatorOf(request.headers['x-operator']),
        dryRunOf(request),
      ),
    );
  }

  private answer(request: FastifyRequest, reply: FastifyReply, handle: () => Promise<unknown>) {
    const context = { token: this.options.config.OPERATOR_TOKEN, logger: this.logger };
    return answerOperator(context, request, reply, handle);
  }
}

function dryRunOf(request: FastifyRequest): boolean {
  return (request.query as { dryRun?: string }).dryRun === 'true';
}
