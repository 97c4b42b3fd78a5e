import { findKubectl, Manifest, renderKustomization } from './rendered-manifests';
import { Workload, workloadsOf } from './workloads';

/**
 * deploy/k8s/overlays/small rendered, for a spec: its objects and workloads, and `describe`, or
 * `describe.skip` (said loudly) where no kubectl can be had.
 */
export function smallOverlay(): {
  suite: jest.Describe;
  manifests: Manifest[];
  workloads: Workload[];
} {
  const kubectl = findKubectl();
  if (!kubectl) {
    console.warn(
      "SKIPPED deploy/k8s: no kubectl on the PATH, and Debian's kubernetes-client could not be installed (needs root or sudo)",
    );
    return { suite: describe.skip, manifests: [], workloads: [] };
  }
  const manifests = renderKustomization(kubectl, 'deploy/k8s/overlays/small');
  return { suite: describe, manifests, workloads: workloadsOf(manifests) };
}
