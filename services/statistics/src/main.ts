import { runService, startTracing } from '@donations/observability';
import { loadStatisticsConfig } from './config/statistics.config';
import { createStatisticsApp } from './statistics-app';

runService('statistics', async () => {
  startTracing('statistics');
  const config = loadStatisticsConfig();
  const app = await createStatisticsApp(config);
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
});
