import { startAdapter } from '@donations/adapter-kit';
import { runService } from '@donations/observability';
import { AppModule, JD_SERVICE } from './app.module';
import { loadAdapterJdConfig } from './config/adapter-jd.config';

runService(JD_SERVICE, async () => {
  const config = loadAdapterJdConfig();
  await startAdapter(JD_SERVICE, AppModule.register(config), config);
});
