import { startAdapter } from '@donations/adapter-kit';
import { runService, startTracing } from '@donations/observability';
import { AppModule } from './app.module';
import { loadAdapterAlipayConfig } from './config/adapter-alipay.config';

runService('adapter-alipay', async () => {
  startTracing('adapter-alipay');
  const config = loadAdapterAlipayConfig();
  await startAdapter('adapter-alipay', AppModule.register(config), config);
});
