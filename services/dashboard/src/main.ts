import { runService, startTracing } from '@donations/observability';
import { loadDashboardConfig } from './config/dashboard.config';
import { createDashboardApp } from './dashboard-app';

runService('dashboard', async () => {
  startTracing('dashboard');
  const config = loadDashboardConfig();
  const app = await createDashboardApp(config);
  app.enableShutdownHooks();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
});
