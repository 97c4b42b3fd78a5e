import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { PipelineMonitor } from './pipeline.monitor';

/** The DLQ size and the consumer lag, read from the Kafka admin API every few seconds. */
@Module({ imports: [LiveModule], providers: [PipelineMonitor] })
export class PipelineModule {}
