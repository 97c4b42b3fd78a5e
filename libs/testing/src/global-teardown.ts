import type { ResolvedStack } from './resolve-stack';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as { __STACK__?: ResolvedStack }).__STACK__;
  await stack?.stop();
}
