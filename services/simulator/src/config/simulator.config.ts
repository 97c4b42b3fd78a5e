import { z } from 'zod';
import { loadConfig } from '@donations/config';

/** What the simulator takes from the environment: defaults for its connection options. */
export const SimulatorConfigSchema = z.object({
  KAFKA_BROKERS: z.string().min(1).default('127.0.0.1:9092'),
  TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/)
    .default(''),
  /** The adapters' operator token: the simulator registers its campaigns through their API. */
  OPERATOR_TOKEN: z.string().min(16).optional(),
});

export type SimulatorConfig = z.output<typeof SimulatorConfigSchema>;

export const loadSimulatorConfig = (): SimulatorConfig => loadConfig(SimulatorConfigSchema);
