import { runService, startTracing } from '@donations/observability';
import { createAggregatorApp } from './aggregator-app';
import { loadAggregatorConfig } from './config/aggregator.config';

runService('aggregator', async () => {
  startTracing('aggregator');
  const config = loadAggregatorConfig();
  const app = await createAggregatorApp(config);
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
});
