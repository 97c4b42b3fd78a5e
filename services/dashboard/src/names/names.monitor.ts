import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { postgresSslOf } from '@donations/database';
import { DASHBOARD_CONFIG, DashboardConfig } from '../config/dashboard.config';
import { DashboardService } from '../live/dashboard.service';
import { RegistryNamesReader } from './registry-names.reader';

/**
 * Refreshes the names the page shows instead of ids from the registry, every
 * DASHBOARD_NAMES_INTERVAL_MS. Without DATABASE_URL the page shows ids; a failed read keeps the
 * names it had and is tried again at the next interval (the figures never depend on it).
 */
@Injectable()
export class NamesMonitor implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NamesMonitor.name);
  private readonly reader?: RegistryNamesReader;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig,
    @Inject(DashboardService) private readonly dashboard: DashboardService,
  ) {
    if (config.DATABASE_URL !== undefined) {
      this.reader = new RegistryNamesReader(
        config.DATABASE_URL,
        config.DATABASE_SCHEMA,
        postgresSslOf(config),
      );
    }
  }

  onModuleInit(): void {
    if (this.reader === undefined) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.config.DASHBOARD_NAMES_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.reader?.close();
  }

  private async refresh(): Promise<void> {
    try {
      if (this.reader) this.dashboard.setNames(await this.reader.read());
    } catch (error) {
      this.logger.warn({ err: error }, 'registry names not read; showing the names read before');
    }
  }
}
