import { Inject, Injectable, Logger, MessageEvent, OnModuleDestroy } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { concat, defer, map, Observable, of, share, Subject } from 'rxjs';
import { MetricsService } from '@donations/observability';
import { DASHBOARD_CONFIG, DashboardConfig } from '../config/dashboard.config';
import type { DecodeResult, FeedTopic } from '../feed/feed-record';
import { DashboardSnapshot, DashboardState, PipelineView } from '../state/dashboard.state';
import { NO_NAMES, RegistryNames } from '../names/registry-names';
import { ClientSlots } from './client-slots';
import { coalesce } from './coalesce';
import { LiveError } from './live.errors';

/** A decoded message with where it came from (for the log of a rejected one). */
export interface ReceivedMessage {
  partition: number;
  offset: string;
  result: DecodeResult;
}

/**
 * The dashboard's state and its live stream: the feed and the pipeline monitor write to it, the
 * page reads a snapshot on connect and then coalesced updates (at most one per push interval).
 */
@Injectable()
export class DashboardService implements OnModuleDestroy {
  private readonly logger = new Logger(DashboardService.name);
  private readonly state: DashboardState;
  private readonly changes = new Subject<void>();
  private readonly updates: Observable<DashboardSnapshot>;
  private readonly messages: Counter<'topic' | 'outcome'>;
  private readonly rejected: Counter<'topic' | 'reason'>;
  private readonly clients: Gauge;
  private readonly refused: Counter;
  private readonly slots: ClientSlots;
  private registryNames: RegistryNames = NO_NAMES;

  constructor(
    @Inject(DASHBOARD_CONFIG) config: DashboardConfig,
    @Inject(MetricsService) metrics: MetricsService,
  ) {
    this.slots = new ClientSlots(config.DASHBOARD_MAX_SSE_CLIENTS);
    this.state = new DashboardState({
      topN: config.DASHBOARD_TOP_N,
      seriesMinutes: config.DASHBOARD_SERIES_MINUTES,
    });
    this.updates = coalesce(this.changes, config.DASHBOARD_PUSH_INTERVAL_MS).pipe(
      map(() => this.snapshot()),
      share(),
    );
    this.messages = metrics.counter(
      'dashboard_feed_messages_total',
      'Messages read from the feed topics, by what they did: applied, stale (an older version), ignored (a scope or minute not shown) or invalid (skipped)',
      ['topic', 'outcome'],
    );
    this.rejected = metrics.counter(
      'dashboard_feed_rejected_total',
      'Messages of the feed topics skipped as invalid, by reason',
      ['topic', 'reason'],
    );
    this.clients = new Gauge({
      name: 'dashboard_live_clients',
      help: 'Pages connected to GET /events',
      registers: [metrics.registry],
    });
    this.refused = metrics.counter(
      'dashboard_live_refused_total',
      'Pages refused with 503 because DASHBOARD_MAX_SSE_CLIENTS streams were open',
    );
  }

  /** Applies one batch of a feed topic; bad messages are skipped, counted and logged. */
  receive(topic: FeedTopic, messages: readonly ReceivedMessage[]): void {
    let changed = false;
    for (const { partition, offset, result } of messages) {
      if (result.ok) {
        const outcome = this.state.apply(result.record);
        this.messages.inc({ topic, outcome });
        changed ||= outcome === 'applied';
      } else {
        this.state.reject();
        this.messages.inc({ topic, outcome: 'invalid' });
        this.rejected.inc({ topic, reason: result.reason });
        this.logger.warn({
          msg: 'skipped an invalid message',
          topic,
          partition,
          offset,
          reason: result.reason,
        });
      }
    }
    if (changed) this.changes.next();
  }

  markCaughtUp(): void {
    this.state.markCaughtUp();
    this.changes.next();
  }

  setNames(names: RegistryNames): void {
    this.registryNames = names;
    if (this.state.setNames(names)) this.changes.next();
  }

  /** Every name the registry gave (the public check names any campaign, not only the top). */
  names(): RegistryNames {
    return this.registryNames;
  }

  setPipeline(view: PipelineView): void {
    if (this.state.setPipeline(view)) this.changes.next();
  }

  snapshot(): DashboardSnapshot {
    return this.state.snapshot(new Date());
  }

  /**
   * A page's stream: the current snapshot at once, then an update per coalesced change. It holds
   * one of the DASHBOARD_MAX_SSE_CLIENTS slots until `ended` aborts (however the stream ends,
   * even before it is subscribed); with none free it is refused.
   */
  events(ended: AbortSignal): Observable<MessageEvent> {
    const release = this.slots.take();
    if (!release) {
      this.refused.inc();
      throw new LiveError(
        'DASHBOARD.TOO_MANY_CLIENTS',
        `${this.slots.capacity} live pages are open, the most this gateway serves; try again shortly`,
      );
    }
    this.clients.set(this.slots.inUse);
    const leave = () => {
      release();
      this.clients.set(this.slots.inUse);
    };
    if (ended.aborted) leave();
    else ended.addEventListener('abort', leave, { once: true });
    return defer(() =>
      concat(
        of({ type: 'snapshot', data: this.snapshot() }),
        this.updates.pipe(map((snapshot) => ({ type: 'update', data: snapshot }))),
      ),
    );
  }

  /** Ends every open stream, so that the HTTP server can close. */
  onModuleDestroy(): void {
    this.changes.complete();
  }
}
