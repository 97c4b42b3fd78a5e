import { startAdapter } from '@donations/adapter-kit';
import { runService, startTracing } from '@donations/observability';
import { AppModule } from './app.module';
import { loadAdapterStripeConfig } from './config/adapter-stripe.config';

runService('adapter-stripe', async () => {
  startTracing('adapter-stripe');
  const config = loadAdapterStripeConfig();
  await startAdapter('adapter-stripe', AppModule.register(config), config);
});
