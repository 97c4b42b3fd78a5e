import pino, { Logger, LevelWithSilent } from 'pino';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

/**
 * Paths pino blanks out wherever they appear: signatures, secrets, keys and donor identities
 * never reach a log, even when someone logs a whole object by mistake.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["stripe-signature"]',
  'req.headers["webhook-signature"]',
  'req.headers["wechatpay-signature"]',
  '*.secret',
  '*.secrets',
  '*.privateKey',
  '*.apiKey',
  '*.password',
  '*.sign',
  '*.signature',
  '*.donor',
  '*.buyer_id',
  '*.buyer_logon_id',
  '*.openid',
  '*.payer',
  'body',
  'req.body',
];

export interface LoggerOptions {
  service: string;
  level: LevelWithSilent;
}

export function loggerOptions({ service, level }: LoggerOptions): pino.LoggerOptions {
  return {
    level,
    base: { service },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  };
}

/** Structured JSON logger for code outside Nest's DI (CLIs, bootstraps, consumers' callbacks). */
export function createLogger(options: LoggerOptions, destination?: pino.DestinationStream): Logger {
  return pino(loggerOptions(options), destination);
}
