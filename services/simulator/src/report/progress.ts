import { PLATFORMS } from '@donations/contracts';
import type { RunState } from '../run/traffic-run';
import type { TrafficStats } from '../run/traffic-stats';
import { rfc3339Beijing } from '../platforms/beijing-time';
import type { Terminal } from './terminal';

const pad = (value: string | number, width: number) => String(value).padStart(width);

/**
 * Once a second: the simulated clock, the target and actual rates, requests in flight, and per
 * platform what was sent, accepted, retried and rejected. A table redrawn in place on a terminal,
 * one line per second in a log.
 */
export class ProgressPrinter {
  private timer?: NodeJS.Timeout;
  private last = { at: Date.now(), sent: 0, donations: 0 };

  constructor(
    private readonly terminal: Terminal,
    private readonly stats: TrafficStats,
    private readonly state: () => RunState,
    private readonly durationSeconds: number,
  ) {}

  start(): void {
    this.last = { at: Date.now(), sent: 0, donations: 0 };
    this.timer = setInterval(() => this.print(), 1_000);
  }

  stop(): void {
    clearInterval(this.timer);
    this.print();
  }

  private print(): void {
    const state = this.state();
    const now = Date.now();
    const seconds = Math.max(0.001, (now - this.last.at) / 1000);
    const sent = this.stats.totals().sent;
    const requestRate = (sent - this.last.sent) / seconds;
    const donationRate = (this.stats.donationsStarted - this.last.donations) / seconds;
    this.last = { at: now, sent, donations: this.stats.donationsStarted };
    this.terminal.block([this.headline(state, requestRate, donationRate), ...this.table()]);
  }

  private headline(state: RunState, requestRate: number, donationRate: number): string {
    const clock = rfc3339Beijing(state.simulatedAt).slice(11, 19);
    const phase = state.draining ? 'draining' : clock < '10:00:00' ? 'baseline' : 'matching';
    const behind = state.behind > 0 ? `, ${state.behind} behind` : '';
    const totals = this.stats.totals();
    return (
      `[${clock} ${phase}] ${Math.floor(state.elapsedMs / 1000)}/${this.durationSeconds} s | ` +
      `${donationRate.toFixed(0)}/${state.targetRate.toFixed(0)} donations/s${behind} | ` +
      `${requestRate.toFixed(0)} req/s, ${state.inFlight} in flight, ${state.queued} queued | ` +
      `sent ${totals.sent} accepted ${totals.accepted} retried ${totals.retried} rejected ${totals.rejected}`
    );
  }

  private table(): string[] {
    const header = `  ${'platform'.padEnd(8)}${['sent', 'accepted', 'retried', 'rejected', 'failed']
      .map((name) => pad(name, 10))
      .join('')}`;
    const rows = PLATFORMS.map((platform) => {
      const c = this.stats.byPlatform[platform];
      const cells = [c.sent, c.accepted, c.retried, c.rejected, c.failed].map((v) => pad(v, 10));
      return `  ${platform.padEnd(8)}${cells.join('')}`;
    });
    return [header, ...rows];
  }
}
