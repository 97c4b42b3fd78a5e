import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { ADAPTER_OPTIONS, SERVICE_LOGGER } from '../adapter-kit.tokens';
import type { AdapterOptions } from '../adapter-connections.module';
import {
  authorizeStatement,
  parseStatementQuery,
  requireCsv,
  statementFailure,
} from './statement-http';
import { StatementImporter } from './statement-importer';
import { statementBodyOf } from './statement-route';
import { ApiStatementImport } from './statement.openapi';

/**
 * `POST /statements?dryRun=true|false`: a platform's daily statement (对账单) as text/csv,
 * with `Authorization: Bearer <STATEMENT_IMPORT_TOKEN>`. Answers 200 with the report.
 */
@Controller()
export class StatementController {
  constructor(
    @Inject(StatementImporter) private readonly importer: StatementImporter,
    @Inject(ADAPTER_OPTIONS) private readonly options: AdapterOptions,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @Post('statements')
  @ApiStatementImport()
  async import(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    try {
      authorizeStatement(this.options.config.STATEMENT_IMPORT_TOKEN, request.headers.authorization);
      requireCsv(request.headers['content-type']);
      const { dryRun } = parseStatementQuery(request.query, this.importer.platform);
      const report = await this.importer.import({
        body: statementBodyOf(request),
        dryRun,
        correlationId: request.id,
        receivedAt: new Date(),
      });
      return reply.status(200).type('application/json; charset=utf-8').send(report);
    } catch (error) {
      const { status, body } = statementFailure(error);
      if (body.errorId) {
        this.logger.error(
          { err: error, errorId: body.errorId, correlationId: request.id },
          'statement import failed',
        );
      }
      return reply.status(status).type('application/json; charset=utf-8').send(body);
    }
  }
}
