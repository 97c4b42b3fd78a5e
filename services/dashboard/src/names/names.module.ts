import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { NamesMonitor } from './names.monitor';

/** Campaign and charity names from the registry, for the page's top lists. */
@Module({ imports: [LiveModule], providers: [NamesMonitor] })
export class NamesModule {}
