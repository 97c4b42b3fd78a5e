import { Controller, Get, Inject, MessageEvent, Sse, SseSignal, UseFilters } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { DashboardSnapshot } from '../state/dashboard.state';
import { DashboardService } from './dashboard.service';
import { LiveErrorFilter } from './live-error.filter';

/** The dashboard's data: one snapshot as JSON, or a live stream of them (server-sent events). */
@Controller()
@UseFilters(LiveErrorFilter)
export class LiveController {
  constructor(@Inject(DashboardService) private readonly dashboard: DashboardService) {}

  @Get('api/snapshot')
  snapshot(): DashboardSnapshot {
    return this.dashboard.snapshot();
  }

  /**
   * `event: snapshot` at once, then `event: update` (a whole snapshot) a few times a second at
   * most; 503 `DASHBOARD.TOO_MANY_CLIENTS` beyond DASHBOARD_MAX_SSE_CLIENTS streams. `ended` is
   * aborted however the stream ends (the page left, the gateway stops).
   */
  @Sse('events')
  events(@SseSignal() ended: AbortSignal): Observable<MessageEvent> {
    return this.dashboard.events(ended);
  }
}
