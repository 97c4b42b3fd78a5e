import { startAdapter } from '@donations/adapter-kit';
import { runService, startTracing } from '@donations/observability';
import { AppModule } from './app.module';
import { loadAdapterShuidiConfig } from './config/adapter-shuidi.config';

runService('adapter-shuidi', async () => {
  startTracing('adapter-shuidi');
  const config = loadAdapterShuidiConfig();
  await startAdapter('adapter-shuidi', AppModule.register(config), config);
});
