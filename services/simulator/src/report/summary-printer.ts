import { minorToDecimal, PLATFORMS } from '@donations/contracts';
import type { RunSummary } from './run-summary';
import type { Terminal } from './terminal';

const DIFFERENCES_SHOWN = 40;

/** The end of a run on the terminal: requests, the ground truth, and PASS or FAIL with why. */
export function printSummary(terminal: Terminal, summary: RunSummary): void {
  terminal.line();
  terminal.line(
    `simulator run ${summary.run} (seed ${summary.seed}): ${summary.state}; simulated ` +
      `${summary.simulated.from.slice(11, 16)}-${summary.simulated.to.slice(11, 16)} ` +
      `Beijing time on ${summary.simulated.day}`,
  );
  terminal.line(
    `  ${'platform'.padEnd(8)}${['sent', 'accepted', 'retried', 'rejected', 'failed', 'gave up']
      .map((name) => name.padStart(10))
      .join('')}`,
  );
  for (const platform of [...PLATFORMS, 'total'] as const) {
    const c = platform === 'total' ? summary.requests.total : summary.requests.byPlatform[platform];
    const cells = [c.sent, c.accepted, c.retried, c.rejected, c.failed, c.gaveUp];
    terminal.line(`  ${platform.padEnd(8)}${cells.map((v) => String(v).padStart(10)).join('')}`);
  }
  terminal.line(
    `donations started ${summary.donationsStarted} (due but not sent, the system being behind: ` +
      `${summary.donationsNotStarted}), malformed requests ${summary.malformedSent}, ` +
      `deliveries in doubt ${summary.inDoubt}, anomalies ${summary.anomalies.count}`,
  );
  for (const anomaly of summary.anomalies.examples.slice(0, 10)) {
    terminal.line(`  anomaly: ${anomaly.platform} ${anomaly.correlationId}: ${anomaly.what}`);
  }
  printTruth(terminal, summary);
  printCheck(terminal, summary);
}

function printTruth(terminal: Terminal, summary: RunSummary): void {
  const { groundTruth } = summary;
  terminal.line(
    `ground truth (what the adapters accepted, each donation and refund once): ` +
      `${groundTruth.donationCount} donations`,
  );
  for (const [currency, t] of Object.entries(groundTruth.grandTotals)) {
    const money = (minor: number) =>
      minor < 0 ? `-${minorToDecimal(-minor, currency)}` : minorToDecimal(minor, currency);
    terminal.line(
      `  ${currency}: raised ${money(t.raisedMinor)}, refunded ${money(t.refundedMinor)}, ` +
        `net ${money(t.netMinor)}; ${t.donationCount} donations, ${t.refundCount} refunds`,
    );
  }
}

function printCheck(terminal: Terminal, summary: RunSummary): void {
  const { check } = summary;
  const waited = check.waitedMs === null ? '' : ` (after ${(check.waitedMs / 1000).toFixed(1)} s)`;
  switch (check.result) {
    case 'SKIPPED':
      terminal.line('check: SKIPPED (--no-check or interrupted)');
      return;
    case 'PASS':
      terminal.line(
        `check: PASS${waited}: aggregator HTTP and the aggregate topics match the ground truth ` +
          `for every campaign and charity of the run; every malformed request is on donations.dlq`,
      );
      return;
    case 'FAIL':
      terminal.line(`check: FAIL${waited}: ${check.differences.length} difference(s)`);
      for (const line of check.differences.slice(0, DIFFERENCES_SHOWN))
        terminal.line(`  - ${line}`);
      if (check.differences.length > DIFFERENCES_SHOWN) {
        terminal.line(`  ... and ${check.differences.length - DIFFERENCES_SHOWN} more`);
      }
  }
}
