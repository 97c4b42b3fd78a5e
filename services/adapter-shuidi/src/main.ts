import { startAdapter } from '@donations/adapter-kit';
import { runService } from '@donations/observability';
import { AppModule } from './app.module';
import { loadAdapterShuidiConfig } from './config/adapter-shuidi.config';

runService('adapter-shuidi', async () => {
  const config = loadAdapterShuidiConfig();
  await startAdapter('adapter-shuidi', AppModule.register(config), config);
});
