import { startAdapter } from '@donations/adapter-kit';
import { runService, startTracing } from '@donations/observability';
import { AppModule } from './app.module';
import { loadAdapterTencentConfig } from './config/adapter-tencent.config';

runService('adapter-tencent', async () => {
  startTracing('adapter-tencent');
  const config = loadAdapterTencentConfig();
  await startAdapter('adapter-tencent', AppModule.register(config), config);
});
