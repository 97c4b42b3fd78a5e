import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LedgerReportView, StatsOverviewAnswer } from '@donations/contracts';

/**
 * A stand-in for the aggregator's and the statistics' read APIs over real HTTP: it answers the
 * reports and overviews it was given (contract-valid), 404 `{code, message}` for the others,
 * and remembers each path asked. `broken` ids answer a body that breaks the contract; `silent`
 * ids never answer (until the peer closes).
 */
export class ReportsPeer {
  readonly asked: string[] = [];
  readonly reports = new Map<string, LedgerReportView>();
  readonly overviews = new Map<string, StatsOverviewAnswer>();
  readonly broken = new Set<string>();
  readonly silent = new Set<string>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<ReportsPeer> {
    const server = createServer();
    const peer = new ReportsPeer(server);
    server.on('request', (request, response) => peer.answer(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return peer;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** `/reports/charities/<id>?period=all`: where the aggregator's report of that id lives. */
  static reportPath(report: Pick<LedgerReportView, 'scope' | 'id'>, period: string): string {
    const kind = report.scope === 'campaign' ? 'campaigns' : 'charities';
    return `/reports/${kind}/${encodeURIComponent(report.id)}?period=${period}`;
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', this.url);
    this.asked.push(`${url.pathname}${url.search}`);
    const id = decodeURIComponent(url.pathname.split('/').pop() ?? '');
    if (this.silent.has(id)) return;
    if (this.broken.has(id)) return this.send(response, 200, { scope: 'campaign', id });
    const found = url.pathname.startsWith('/reports/')
      ? this.reports.get(id)
      : this.overviews.get(url.searchParams.get('scope') ?? '');
    if (found === undefined) {
      this.send(response, 404, { code: 'AGGREGATE.NOT_FOUND', message: 'not known' });
    } else {
      this.send(response, 200, found);
    }
  }

  private send(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
