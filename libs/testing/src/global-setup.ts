import { resolveStack } from './resolve-stack';

/** Jest globalSetup of the integration project: real services, shared by every spec. */
export default async function globalSetup(): Promise<void> {
  const stack = await resolveStack(process.env);
  Object.assign(process.env, stack.settings, { KAFKA_CONTROL: stack.kafkaControl });
  (globalThis as { __STACK__?: typeof stack }).__STACK__ = stack;
  process.stderr.write(
    `\n[integration] real services from ${stack.source}: ${stack.settings.KAFKA_BROKERS}\n`,
  );
}
