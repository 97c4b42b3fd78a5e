import { startAdapter } from '@donations/adapter-kit';
import { runService } from '@donations/observability';
import { AppModule } from './app.module';
import { loadAdapterTencentConfig } from './config/adapter-tencent.config';

runService('adapter-tencent', async () => {
  const config = loadAdapterTencentConfig();
  await startAdapter('adapter-tencent', AppModule.register(config), config);
});
