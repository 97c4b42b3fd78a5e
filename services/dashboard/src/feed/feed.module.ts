import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { FeedConsumer } from './feed.consumer';

/** Reads the aggregate and stats topics into the dashboard's state. */
@Module({ imports: [LiveModule], providers: [FeedConsumer] })
export class FeedModule {}
