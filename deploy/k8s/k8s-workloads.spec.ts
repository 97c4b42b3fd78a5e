import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaProblems } from './manifest-models';
import { Manifest, ofKind, REPO } from './rendered-manifests';
import { smallOverlay } from './small-overlay';
import { configKeysOf, quantity, secretFileOf, settingsOf, Workload } from './workloads';

/**
 * The security settings of issue 15 (TLS, SASL, sslmode, Redis TLS), fixed before the services'
 * schemas know them: accepted by name while no schema knows any of them; once one does, every
 * name is checked against the schemas alone.
 */
const SECURITY_SETTINGS = [
  'KAFKA_SSL',
  'KAFKA_SSL_CA',
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'DATABASE_SSLMODE',
  'DATABASE_SSL_CA',
  'REDIS_TLS',
  'REDIS_TLS_CA',
  'REDIS_PASSWORD',
];

/** Applications of nest-cli.json that are run by hand, not deployed as services. */
const TOOLS = ['ops', 'simulator'];

const { suite, manifests, workloads } = smallOverlay();
const deployments = workloads.filter((workload) => workload.kind === 'Deployment');

suite('deploy/k8s/overlays/small, rendered by kubectl kustomize', () => {
  it('renders every object valid against its Kubernetes or Strimzi schema', () => {
    expect(manifests.length).toBeGreaterThan(40);
    const problems = manifests.flatMap((manifest) =>
      schemaProblems(manifest).map(
        (problem) => `${manifest.kind} ${manifest.metadata.name}: ${problem}`,
      ),
    );
    expect(problems).toEqual([]);
  });

  it('puts everything in the namespace it creates, with the image of the overlay', () => {
    const [namespace] = ofKind(manifests, 'Namespace');
    const outside = manifests.filter(
      (m) => m.kind !== 'Namespace' && m.metadata.namespace !== namespace.metadata.name,
    );
    expect(outside.map((m) => `${m.kind} ${m.metadata.name}`)).toEqual([]);
    const images = new Set(workloads.flatMap((w) => w.pod.containers.map((c) => c.image)));
    expect([...images]).toEqual(['registry.example.com/donation-aggregator:0.1.0']);
  });

  it('runs every service of nest-cli.json but the tools, and the ops Jobs', () => {
    const nestCli = JSON.parse(readFileSync(join(REPO, 'nest-cli.json'), 'utf8')) as {
      projects: Record<string, { type: string }>;
    };
    const services = Object.entries(nestCli.projects)
      .filter(([name, project]) => project.type === 'application' && !TOOLS.includes(name))
      .map(([name]) => name);
    expect(deployments.map((d) => d.service).sort()).toEqual(services.sort());
    const jobs = workloads.filter((w) => w.kind === 'Job');
    expect(jobs.map((job) => job.pod.containers[0].command).sort()).toEqual([
      ['ops', 'migrate'],
      ['ops', 'topics'],
    ]);
  });
});

suite('the services in deploy/k8s/overlays/small', () => {
  const selects = (manifest: Manifest, workload: Workload) => {
    const wanted = (manifest.spec as { selector: { matchLabels: Record<string, string> } }).selector
      .matchLabels;
    return Object.entries(wanted).every(([key, value]) => workload.labels[key] === value);
  };

  it.each(deployments.map((d) => [d.name, d] as const))(
    '%s has both probes on its HTTP port, resources and a PodDisruptionBudget',
    (_name, deployment) => {
      const [container] = deployment.pod.containers;
      const port = container.ports?.find((p) => p.name === 'http')?.containerPort;
      expect(String(port)).toBe(settingsOf(container, manifests).get('HTTP_PORT'));
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      for (const resource of ['cpu', 'memory']) {
        const request = quantity(container.resources?.requests?.[resource] ?? 'none');
        expect(request).toBeLessThanOrEqual(
          quantity(container.resources?.limits?.[resource] ?? '0'),
        );
      }
      const budgets = ofKind(manifests, 'PodDisruptionBudget').filter((pdb) =>
        selects(pdb, deployment),
      );
      expect(budgets).toHaveLength(1);
    },
  );

  it('scales every adapter, and only the adapters, with a HorizontalPodAutoscaler', () => {
    const scaled = ofKind(manifests, 'HorizontalPodAutoscaler').map(
      (hpa) => (hpa.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef,
    );
    const adapters = deployments.filter((d) => d.name.startsWith('adapter-')).map((d) => d.name);
    expect(adapters).toHaveLength(5);
    expect(scaled.map((target) => `${target.kind}/${target.name}`).sort()).toEqual(
      adapters.map((name) => `Deployment/${name}`).sort(),
    );
    // The autoscaler owns their replicas: a count in the Deployment would undo it on each apply.
    const fixed = ofKind(manifests, 'Deployment').filter(
      (d) => adapters.includes(d.metadata.name) && (d.spec as { replicas?: number }).replicas,
    );
    expect(fixed).toEqual([]);
  });

  it.each(workloads.map((w) => [`${w.kind} ${w.name}`, w] as const))(
    '%s runs as non-root, unprivileged, on a read-only root filesystem',
    (_name, workload) => {
      const dockerfile = readFileSync(join(REPO, 'Dockerfile'), 'utf8');
      const imageUser = /^USER (\d+)/m.exec(dockerfile.slice(dockerfile.lastIndexOf('\nFROM ')));
      expect(Number(imageUser?.[1])).toBeGreaterThan(0);
      expect(workload.pod.securityContext?.runAsNonRoot).toBe(true);
      expect(workload.pod.securityContext?.runAsUser).toBe(Number(imageUser?.[1]));
      for (const container of workload.pod.containers) {
        expect(container.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
      }
    },
  );

  it.each(workloads.map((w) => [`${w.kind} ${w.name}`, w] as const))(
    '%s is given only settings its service reads, and mounts every file a *_FILE setting names',
    (_name, workload) => {
      const known = configKeysOf(workload.service);
      const securityKnown = workloads.some((w) =>
        SECURITY_SETTINGS.some((name) => configKeysOf(w.service).has(name)),
      );
      const [container] = workload.pod.containers;
      const settings = settingsOf(container, manifests);
      const unknown = [...settings.keys()]
        .map((name) => name.replace(/_FILE$/, ''))
        .filter((name) => !known.has(name) && (securityKnown || !SECURITY_SETTINGS.includes(name)));
      expect(unknown).toEqual([]);
      const unmounted = [...settings]
        .filter(([name]) => name.endsWith('_FILE'))
        .filter(([, path]) => !secretFileOf(workload, path));
      expect(unmounted).toEqual([]);
    },
  );
});
