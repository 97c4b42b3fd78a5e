import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * No Docker engine runs here, so this checks docker-compose.yml statically: every application in
 * nest-cli.json is a compose service that gets every variable its config schema requires.
 */
const root = join(__dirname, '..');

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, unknown>;
  healthcheck?: { test: unknown };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const nestCli = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8')) as {
  projects: Record<string, { type: string; root: string }>;
};
const applications = Object.entries(nestCli.projects)
  .filter(([, project]) => project.type === 'application')
  .map(([name, project]) => ({ name, root: project.root }));

function configSchemaOf(serviceRoot: string): z.ZodObject {
  const configDir = join(root, serviceRoot, 'src', 'config');
  const file = readdirSync(configDir).find((name) => name.endsWith('.config.ts'));
  if (!file) throw new Error(`${serviceRoot} has no src/config/*.config.ts`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports = require(join(configDir, file)) as Record<string, unknown>;
  const schema = Object.entries(exports).find(
    ([name, value]) => name.endsWith('ConfigSchema') && value instanceof z.ZodObject,
  )?.[1];
  if (!schema) throw new Error(`${file} exports no *ConfigSchema`);
  return schema as z.ZodObject;
}

function requiredKeys(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([key]) => key);
}

describe('docker-compose.yml', () => {
  it.each(['kafka', 'postgres', 'redis'])('runs %s with a health check', (name) => {
    expect(compose.services[name]?.healthcheck?.test).toBeDefined();
  });

  it('runs Kafka from the official apache/kafka image in KRaft mode, topics not auto-created', () => {
    const kafka = compose.services.kafka;
    expect(kafka.image).toMatch(/^apache\/kafka:/);
    expect(kafka.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(kafka.environment?.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
  });

  it('lists at least one application', () => {
    expect(applications.length).toBeGreaterThan(0);
  });

  it.each(applications)(
    'has $name with every variable its config requires',
    ({ name, root: dir }) => {
      const service = compose.services[name];
      expect(service).toBeDefined();
      const environment = Object.keys(service.environment ?? {});
      const missing = requiredKeys(configSchemaOf(dir)).filter((key) => !environment.includes(key));
      expect(missing).toEqual([]);
      expect(Object.keys(service.depends_on ?? {}).length).toBeGreaterThan(0);
    },
  );
});
