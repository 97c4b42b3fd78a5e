import type { Platform } from '@donations/contracts';
import type { PlatformRequest } from '../platforms/malformed-request';
import type { TrafficStats } from '../run/traffic-stats';
import { sleep } from './interruptible-sleep';
import { retryDelayMs } from './retry-schedules';
import type { Semaphore } from './semaphore';
import { AttemptOutcome, postWebhook } from './webhook-client';

export interface DelivererOptions {
  urls: Readonly<Record<Platform, string>>;
  requestTimeoutMs: number;
  retryScale: number;
  /** No retry is scheduled past this instant (epoch ms): the run is ending. */
  deadline: () => number;
  /** Aborts waits when the run is interrupted. */
  signal: AbortSignal;
}

/** How a notification's delivery ended. */
export type DeliveryResult =
  | { kind: 'accepted' }
  | { kind: 'rejected'; status: number; code: string }
  | { kind: 'gave-up'; lastOutcome: string; inDoubt: boolean };

export interface Delivery {
  platform: Platform;
  correlationId: string;
  /** The request of one attempt at `at` (signatures are per attempt). */
  request: (at: Date) => PlatformRequest;
  isSuccess: (status: number, body: string) => boolean;
}

/**
 * Delivers a notification as its platform does: post, and on anything but the protocol's success
 * (a 5xx, a non-success answer, a timeout) wait the platform's next retry interval and post
 * again, until success, a 4xx (the simulator treats it as final: one bad request, one DLQ entry),
 * or the end of the schedule.
 */
export class Deliverer {
  constructor(
    private readonly options: DelivererOptions,
    private readonly stats: TrafficStats,
    private readonly slots: Semaphore,
  ) {}

  async deliver(delivery: Delivery): Promise<DeliveryResult> {
    const { platform } = delivery;
    let unanswered = false;
    for (let attempt = 1; ; attempt += 1) {
      if (attempt > 1) this.stats.count(platform, 'retried');
      const outcome = await this.attempt(delivery);
      this.stats.count(platform, 'sent');
      if (outcome.kind === 'answered' && delivery.isSuccess(outcome.status, outcome.body)) {
        this.stats.count(platform, 'accepted');
        return { kind: 'accepted' };
      }
      if (outcome.kind === 'answered' && outcome.status >= 400 && outcome.status < 500) {
        this.stats.count(platform, 'rejected');
        return { kind: 'rejected', status: outcome.status, code: reasonCode(outcome.body) };
      }
      this.stats.count(platform, 'failed');
      // A refused connection reached no adapter; a timeout or a reset may have.
      unanswered ||= outcome.kind === 'no-answer' && outcome.reason !== 'ECONNREFUSED';
      const waitMs = retryDelayMs(platform, attempt, this.options.retryScale);
      const retries = waitMs !== undefined && Date.now() + waitMs < this.options.deadline();
      if (!retries || !(await sleep(waitMs, this.options.signal))) {
        this.stats.count(platform, 'gaveUp');
        // An attempt without an answer may still have been accepted: the totals may count it.
        return { kind: 'gave-up', lastOutcome: describe(outcome), inDoubt: unanswered };
      }
    }
  }

  private attempt(delivery: Delivery): Promise<AttemptOutcome> {
    return this.slots.use(() =>
      postWebhook(
        this.options.urls[delivery.platform],
        delivery.request(new Date()),
        delivery.correlationId,
        this.options.requestTimeoutMs,
        this.options.signal,
      ),
    );
  }
}

/** The reason code of a failure answer: `{code}`, or WeChat Pay's `{code: FAIL, message: "CODE: ..."}`. */
function reasonCode(body: string): string {
  try {
    const parsed = JSON.parse(body) as { code?: unknown; message?: unknown };
    if (parsed.code === 'FAIL' && typeof parsed.message === 'string') {
      return parsed.message.split(':')[0];
    }
    return typeof parsed.code === 'string' ? parsed.code : 'UNKNOWN';
  } catch {
    return 'UNKNOWN';
  }
}

function describe(outcome: AttemptOutcome): string {
  return outcome.kind === 'answered' ? `HTTP ${outcome.status}` : outcome.reason;
}
