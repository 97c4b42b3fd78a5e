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
import { STATEMENT_BODY_LIMIT_BYTES, statementBodyOf } from './statement-route';
import { withSpooledBody } from './statement-spool';
import { ApiStatementImport } from './statement.openapi';

/**
 * `POST /statements?dryRun=true|false`: a platform's daily statement (对账单) as text/csv,
 * with `Authorization: Bearer <STATEMENT_IMPORT_TOKEN>`. Answers 200 with the report. The body
 * is spooled to a file first: the request deadline then counts the upload, not the import.
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
      const receivedAt = new Date();
      const report = await withSpooledBody(
        statementBodyOf(request),
        STATEMENT_BODY_LIMIT_BYTES,
        (body) => this.importer.import({ body, dryRun, correlationId: request.id, receivedAt }),
      );
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
