import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CORRELATION_ID_HEADER, loggerOptions, LoggerOptions } from './logger';

const QUIET_ROUTES = /^\/(health|metrics)/;

/** Accepts a caller's correlation id when it looks like one, else mints a new one. */
export function correlationIdOf(req: IncomingMessage): string {
  const header = req.headers[CORRELATION_ID_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[\w.:-]{1,128}$/.test(value) ? value : randomUUID();
}

/** pino-http request logging: one JSON line per request, correlation id as reqId. */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggerOptions): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            ...loggerOptions(options),
            genReqId: (req: IncomingMessage, res: ServerResponse) => {
              const id = correlationIdOf(req);
              res.setHeader(CORRELATION_ID_HEADER, id);
              return id;
            },
            customAttributeKeys: { reqId: 'correlationId' },
            autoLogging: { ignore: (req: IncomingMessage) => QUIET_ROUTES.test(req.url ?? '') },
            serializers: {
              req: (req: { method?: string; url?: string }) => ({
                method: req.method,
                url: req.url,
              }),
              res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
