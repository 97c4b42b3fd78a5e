import { startAdapter } from '@donations/adapter-kit';
import { runService } from '@donations/observability';
import { AppModule } from './app.module';
import { loadAdapterStripeConfig } from './config/adapter-stripe.config';

runService('adapter-stripe', async () => {
  const config = loadAdapterStripeConfig();
  await startAdapter('adapter-stripe', AppModule.register(config), config);
});
