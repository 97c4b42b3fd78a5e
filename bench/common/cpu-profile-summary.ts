import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The parts of a V8 .cpuprofile (node --cpu-prof) the summary reads. */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string };
    children?: number[];
  }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  /** Share of the sampled time inside the windows, 0..1. */
  share: number;
}

export interface ProfileSummary {
  sampledMs: number;
  /** Self time by package (node_modules/<pkg>, node:<module>, dist/<libs|services>/<name>). */
  byPackage: ProfileShare[];
  /** The runtime's own entries: (idle) is the event loop waiting, then GC and (program). */
  runtime: ProfileShare[];
  /** Time including callees of the project's and its dependencies' functions: each step's cost. */
  inclusive: ProfileShare[];
}

const RUNTIME_ENTRIES = ['(idle)', '(garbage collector)', '(program)'];

/** The profile node --cpu-prof wrote for `pid` in `dir` (CPU.<date>.<time>.<pid>.<n>.cpuprofile). */
export function profileOf(dir: string, pid: number): string | undefined {
  const name = readdirSync(dir).find((file) => file.includes(`.${pid}.`));
  return name === undefined ? undefined : resolve(dir, name);
}

/**
 * Where the samples taken inside `windowsUs` (CLOCK_MONOTONIC µs, V8's profile clock on Linux)
 * went. Samples are wall-clock: `(idle)` is the event loop waiting on Kafka and PostgreSQL.
 */
export function summarizeProfile(
  file: string,
  windowsUs: readonly (readonly [number, number])[],
  top = 20,
): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const selfUs = new Map<number, number>();
  let time = profile.startTime;
  let sampledUs = 0;
  profile.samples.forEach((nodeId, index) => {
    time += profile.timeDeltas[index];
    const inWindow = windowsUs.some(([from, to]) => time >= from && time <= to);
    const delta = profile.timeDeltas[index + 1] ?? 0;
    if (!inWindow || delta <= 0) return;
    selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + delta);
    sampledUs += delta;
  });
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  const byPackage = new Map<string, number>();
  const runtime = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [nodeId, us] of selfUs) {
    const frame = nodes.get(nodeId)!.callFrame;
    add(byPackage, packageOf(frame.url), us);
    if (RUNTIME_ENTRIES.includes(frame.functionName)) add(runtime, frame.functionName, us);
    const seen = new Set<string>();
    for (let id: number | undefined = nodeId; id !== undefined; id = parents.get(id)) {
      const { functionName, url } = nodes.get(id)!.callFrame;
      if (url === '' || url.startsWith('node:')) continue;
      const name = `${functionName || '(anonymous)'} [${packageOf(url)}]`;
      if (!seen.has(name)) add(inclusive, name, us);
      seen.add(name);
    }
  }
  return {
    sampledMs: sampledUs / 1000,
    byPackage: ranked(byPackage, sampledUs, top),
    runtime: ranked(runtime, sampledUs, RUNTIME_ENTRIES.length),
    inclusive: ranked(inclusive, sampledUs, top * 2),
  };
}

/** `title`: whose profile and which part of it, e.g. `adapter CPU profile, adapter phases`. */
export function formatSummary(summary: ProfileSummary, title: string): string {
  const line = ({ name, share }: ProfileShare) =>
    `  ${(share * 100).toFixed(1).padStart(5)}%  ${name}`;
  return [
    `${title} (${summary.sampledMs.toFixed(0)} ms sampled)`,
    'self time by package:',
    ...summary.byPackage.map(line),
    'runtime:',
    ...summary.runtime.map(line),
    'inclusive time by function (project and dependencies):',
    ...summary.inclusive.map(line),
  ].join('\n');
}

function packageOf(url: string): string {
  if (url === '') return '(native, GC, idle)';
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1];
  if (url.startsWith('node:')) return url;
  const own = /dist\/((?:libs|services|bench)\/[^/]+)/.exec(url);
  return own ? own[1] : url;
}

function add(map: Map<string, number>, key: string, us: number): void {
  map.set(key, (map.get(key) ?? 0) + us);
}

function ranked(map: Map<string, number>, totalUs: number, top: number): ProfileShare[] {
  return [...map.entries()]
    .sort(([, a], [, b]) => b - a)
    .slice(0, top)
    .map(([name, us]) => ({ name, share: us / totalUs }));
}
