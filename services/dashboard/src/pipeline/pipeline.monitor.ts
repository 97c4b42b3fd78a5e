import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { TOPICS, topicName } from '@donations/contracts';
import { KAFKA_ADMIN } from '@donations/kafka';
import { DASHBOARD_CONFIG, DashboardConfig } from '../config/dashboard.config';
import { DashboardService } from '../live/dashboard.service';
import type { GroupLag, PipelineView } from '../state/dashboard.state';
import { groupLag, messagesHeld } from './group-lag';

/**
 * Reads, every few seconds, how many dead letters donations.dlq holds and how far the consuming
 * groups (aggregator, statistics) are behind on donations.normalized.v1, from the Kafka admin
 * API. A failed reading keeps the last one on the page and is tried again at the next tick.
 */
@Injectable()
export class PipelineMonitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PipelineMonitor.name);
  private timer?: NodeJS.Timeout;
  private polling = false;
  private failing = false;

  constructor(
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig,
    @Inject(DashboardService) private readonly dashboard: DashboardService,
  ) {}

  onApplicationBootstrap(): void {
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.config.DASHBOARD_MONITOR_INTERVAL_MS);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One reading; overlapping ticks are skipped. */
  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      this.dashboard.setPipeline(await this.read());
      if (this.failing) this.logger.log({ msg: 'pipeline figures readable again' });
      this.failing = false;
    } catch (error) {
      if (!this.failing) {
        this.logger.warn({ msg: 'could not read the pipeline figures', error: String(error) });
      }
      this.failing = true;
    } finally {
      this.polling = false;
    }
  }

  private async read(): Promise<PipelineView> {
    const prefix = this.config.TOPIC_PREFIX;
    const normalized = topicName(TOPICS.donationsNormalized, prefix);
    const [dlqEnds, ends] = await Promise.all([
      this.admin.fetchTopicOffsets(topicName(TOPICS.dlq, prefix)),
      this.admin.fetchTopicOffsets(normalized),
    ]);
    const lag = await Promise.all(
      this.config.DASHBOARD_LAG_GROUPS.map(async (group): Promise<GroupLag> => {
        const [committed] = await this.admin.fetchOffsets({ groupId: group, topics: [normalized] });
        return { group, lag: groupLag(ends, committed?.partitions ?? []) };
      }),
    );
    return { dlqMessages: messagesHeld(dlqEnds), lag, checkedAt: new Date().toISOString() };
  }
}
