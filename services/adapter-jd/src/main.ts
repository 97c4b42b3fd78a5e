import { startAdapter } from '@donations/adapter-kit';
import { runService, startTracing } from '@donations/observability';
import { AppModule, JD_SERVICE } from './app.module';
import { loadAdapterJdConfig } from './config/adapter-jd.config';

runService(JD_SERVICE, async () => {
  startTracing(JD_SERVICE);
  const config = loadAdapterJdConfig();
  await startAdapter(JD_SERVICE, AppModule.register(config), config);
});
