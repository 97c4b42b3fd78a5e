import { z } from 'zod';
import { loadConfig } from '@donations/config';

/** What the simulator takes from the environment: defaults for its connection options. */
export const SimulatorConfigSchema = z.object({
  KAFKA_BROKERS: z.string().min(1).default('127.0.0.1:9092'),
  TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/)
    .default(''),
  DATABASE_URL: z.string().min(1).default('postgres://postgres@127.0.0.1:5432/donations'),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('public'),
});

export type SimulatorConfig = z.output<typeof SimulatorConfigSchema>;

export const loadSimulatorConfig = (): SimulatorConfig => loadConfig(SimulatorConfigSchema);
