import { createLogger } from './logger';

/**
 * Runs a service's bootstrap; a failure (an invalid environment lists every bad key) is logged as
 * one fatal JSON line and the process exits 1 instead of dying on an unhandled rejection.
 */
export function runService(service: string, bootstrap: () => Promise<unknown>): void {
  bootstrap().catch((error: unknown) => {
    const logger = createLogger({ service, level: 'info' });
    const problems = (error as { problems?: unknown }).problems;
    logger.fatal({ err: error, problems }, 'service failed to start');
    process.exitCode = 1;
    setImmediate(() => process.exit(1));
  });
}
