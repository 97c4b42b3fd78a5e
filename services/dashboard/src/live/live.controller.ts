import { Controller, Get, Inject, MessageEvent, Sse } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { DashboardSnapshot } from '../state/dashboard.state';
import { DashboardService } from './dashboard.service';

/** The dashboard's data: one snapshot as JSON, or a live stream of them (server-sent events). */
@Controller()
export class LiveController {
  constructor(@Inject(DashboardService) private readonly dashboard: DashboardService) {}

  @Get('api/snapshot')
  snapshot(): DashboardSnapshot {
    return this.dashboard.snapshot();
  }

  /** `event: snapshot` at once, then `event: update` (a whole snapshot) a few times a second at most. */
  @Sse('events')
  events(): Observable<MessageEvent> {
    return this.dashboard.events();
  }
}
