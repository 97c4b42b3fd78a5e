import type { MetricsService } from '../metrics/metrics.service';
import type { ReadinessCheck } from './readiness-check';

const CHECK_TIMEOUT_MS = 2_000;

/** The provider that registers the gauge (nothing injects it). */
export const READINESS_METRICS = Symbol('READINESS_METRICS');

/**
 * readiness_check_up on /metrics: each dependency /health/ready checks, checked again at every
 * scrape (1 answering, 0 not), so an alert sees a service that runs but is not ready, and which
 * dependency it waits for, without depending on who probes /health/ready.
 */
export function reportReadiness(metrics: MetricsService, checks: readonly ReadinessCheck[]): void {
  metrics.gauge(
    'readiness_check_up',
    'Whether a dependency the readiness check needs answers (1) or not (0), checked at the scrape',
    ['dependency'],
    async function collect() {
      const answers = await Promise.all(checks.map((check) => checkOnce(check)));
      checks.forEach((check, index) => this.set({ dependency: check.name }, answers[index]));
    },
  );
}

async function checkOnce(check: ReadinessCheck): Promise<number> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CHECK_TIMEOUT_MS);
  const timedOut = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () => reject(new Error('timed out'))),
  );
  try {
    await Promise.race([check.check(controller.signal), timedOut]);
    return 1;
  } catch {
    return 0;
  } finally {
    clearTimeout(timer);
  }
}
