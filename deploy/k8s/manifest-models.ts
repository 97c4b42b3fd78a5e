import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Manifest, REPO } from './rendered-manifests';

interface Model {
  validate(): void;
}
type ModelClass = new (data: unknown) => Model;

/**
 * kubernetes-models and its Strimzi models ship ES modules only (their package exports have no
 * `require`), which jest's CommonJS loader does not resolve: Node's own require (which loads ES
 * modules since Node 22) takes them by file. Their schemas are in the packages: nothing is fetched.
 */
const nodeRequire = createRequire(__filename);

const PACKAGES = [
  join(REPO, 'node_modules', 'kubernetes-models'),
  join(REPO, 'node_modules', '@kubernetes-models', 'strimzi-kafka-operator'),
];

/** The model class of an object's apiVersion and kind; undefined when no package has one. */
export function modelOf(apiVersion: string, kind: string): ModelClass | undefined {
  for (const root of PACKAGES) {
    const file = join(root, ...apiVersion.split('/'), `${kind}.js`);
    if (existsSync(file)) {
      const module = nodeRequire(file) as Record<string, ModelClass | undefined>;
      return module[kind];
    }
  }
  return undefined;
}

/** What the schema of the object's kind says is wrong with it; empty when it is valid. */
export function schemaProblems(manifest: Manifest): string[] {
  const Model = modelOf(manifest.apiVersion, manifest.kind);
  if (!Model) return [`no schema for ${manifest.apiVersion} ${manifest.kind}`];
  try {
    new Model(manifest).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}
