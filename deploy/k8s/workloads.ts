import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { Manifest, REPO } from './rendered-manifests';

export interface Container {
  name: string;
  image?: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  volumeMounts?: { name: string; mountPath: string }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown> & { capabilities?: { drop?: string[] } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
}

export interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  containers: Container[];
  volumes?: {
    name: string;
    secret?: { secretName: string; items?: { key: string; path: string }[] };
  }[];
}

/** A Deployment or Job: its pod, and the service whose code it runs (its config schema). */
export interface Workload {
  kind: string;
  name: string;
  service: string;
  labels: Record<string, string>;
  pod: PodSpec;
}

/** The service a container runs: `node dist/services/<name>/src/main.js`, or `ops <command>`. */
function serviceOf(container: Container): string {
  const [program, entry] = container.command ?? [];
  if (program === 'ops') return 'ops';
  const match = /^dist\/services\/([a-z-]+)\/src\/main\.js$/.exec(entry ?? '');
  if (program !== 'node' || !match) throw new Error(`${container.name}: unknown entry point`);
  return match[1];
}

export function workloadsOf(manifests: Manifest[]): Workload[] {
  return manifests
    .filter((manifest) => manifest.kind === 'Deployment' || manifest.kind === 'Job')
    .map((manifest) => {
      const template = (
        manifest.spec as { template: { metadata: Manifest['metadata']; spec: PodSpec } }
      ).template;
      return {
        kind: manifest.kind,
        name: manifest.metadata.name,
        service: serviceOf(template.spec.containers[0]),
        labels: template.metadata.labels ?? {},
        pod: template.spec,
      };
    });
}

/** Every setting a container is given: its env and the keys of the ConfigMaps it takes whole. */
export function settingsOf(container: Container, manifests: Manifest[]): Map<string, string> {
  const settings = new Map<string, string>();
  for (const source of container.envFrom ?? []) {
    const name = source.configMapRef?.name;
    const configMap = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === name);
    if (!configMap) throw new Error(`${container.name}: no ConfigMap ${name}`);
    for (const [key, value] of Object.entries(configMap.data ?? {})) settings.set(key, value);
  }
  for (const variable of container.env ?? []) settings.set(variable.name, variable.value ?? '');
  return settings;
}

/** The keys of a service's config schema (services/<name>/src/config/*.config.ts). */
export function configKeysOf(service: string): Set<string> {
  const dir = join(REPO, 'services', service, 'src', 'config');
  const file = readdirSync(dir).find((name) => name.endsWith('.config.ts'));
  if (!file) throw new Error(`${service} has no src/config/*.config.ts`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports = require(join(dir, file)) as Record<string, unknown>;
  const schema = Object.entries(exports).find(
    ([name, value]) => name.endsWith('ConfigSchema') && value instanceof z.ZodObject,
  )?.[1] as z.ZodObject | undefined;
  if (!schema) throw new Error(`${file} exports no *ConfigSchema`);
  return new Set(Object.keys(schema.shape));
}

/** CPU in millicores or memory in bytes, from a Kubernetes quantity (the suffixes used here). */
export function quantity(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi)?$/.exec(value);
  if (!match) throw new Error(`unreadable quantity ${value}`);
  const factor = { m: 1, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 }[match[2] ?? ''] ?? 1000;
  return Number(match[1]) * factor;
}

/** The Secret and key a file path of the workload's container comes from, if a volume mounts it. */
export function secretFileOf(
  workload: Workload,
  path: string,
): { secretName: string; key: string } | undefined {
  const mount = workload.pod.containers[0].volumeMounts?.find((m) => m.mountPath === dirname(path));
  const secret = workload.pod.volumes?.find((v) => v.name === mount?.name)?.secret;
  const item = secret?.items?.find((i) => i.path === basename(path));
  return secret && item ? { secretName: secret.secretName, key: item.key } : undefined;
}
