import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A rendered Kubernetes object, as far as the checks read it. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: unknown;
  data?: Record<string, string>;
  [field: string]: unknown;
}

export const REPO = join(__dirname, '..', '..');

/**
 * The kubectl to render with: the one on the PATH, else Debian's kubernetes-client installed
 * through deploy/local/common.sh (ensure_kubectl); undefined when neither can be had.
 */
export function findKubectl(): string | undefined {
  const script = `source "${REPO}/deploy/local/common.sh" >&2
    command -v kubectl || { ensure_kubectl >&2 && command -v kubectl; }`;
  try {
    return execFileSync('bash', ['-c', script], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** `kubectl kustomize <dir>`, every document parsed (nothing fetched: the base is local). */
export function renderKustomization(kubectl: string, dir: string): Manifest[] {
  const text = execFileSync(kubectl, ['kustomize', join(REPO, dir)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parseAllDocuments(text).map((document) => {
    if (document.errors.length > 0) throw document.errors[0];
    return document.toJS() as Manifest;
  });
}

export const ofKind = (manifests: Manifest[], kind: string): Manifest[] =>
  manifests.filter((manifest) => manifest.kind === kind);
