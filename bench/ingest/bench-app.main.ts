import { DynamicModule, Module } from '@nestjs/common';
import { createAdapterApp } from '@donations/adapter-kit';
import { runService } from '@donations/observability';
import { AppModule } from '../../services/adapter-shuidi/src/app.module';
import {
  AdapterShuidiConfig,
  loadAdapterShuidiConfig,
} from '../../services/adapter-shuidi/src/config/adapter-shuidi.config';
import { DurableNoopController } from './durable-noop.controller';
import { NoopController } from './noop.controller';

/** adapter-shuidi's AppModule as its main.ts boots it, plus the bench's two baseline routes. */
@Module({})
class BenchAppModule {
  static register(config: AdapterShuidiConfig): DynamicModule {
    return {
      module: BenchAppModule,
      imports: [AppModule.register(config)],
      controllers: [NoopController, DurableNoopController],
    };
  }
}

// services/adapter-shuidi/src/main.ts, with BenchAppModule in place of AppModule.
runService('adapter-shuidi', async () => {
  const config = loadAdapterShuidiConfig();
  const app = await createAdapterApp('adapter-shuidi', BenchAppModule.register(config), config);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
});
