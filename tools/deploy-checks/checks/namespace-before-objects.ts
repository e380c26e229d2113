import { PlannedResource } from "../../engine/model";
import {
  BUILT_IN_NAMESPACES,
  NAMESPACE,
  clusterKeyOf,
  inputsOf,
  isHelmRelease,
  metadataName,
  namespaceOf,
  talksToKubernetes,
} from "../kubernetes";
import { DeployCheck, DeployFinding } from "../types";

const NAME = "namespace-before-objects";

/**
 * A namespaced object (or a Helm release) is created after its Namespace. The API server refuses
 * an object in a namespace that does not exist (`namespaces "app" not found`), and so does
 * `helm install` unless the release creates its namespace (`createNamespace`).
 */
export const namespaceBeforeObjects: DeployCheck = {
  name: NAME,
  description:
    'a namespaced Kubernetes object or Helm release is created after its Namespace (the API server answers `namespaces "<name>" not found`)',
  run({ plan, order }) {
    const findings: DeployFinding[] = [];
    const kube = plan.resources.filter(talksToKubernetes);
    // What creates each namespace, per cluster: Namespace objects and releases with createNamespace.
    const creators = new Map<string, PlannedResource[]>();
    for (const r of kube) {
      const name =
        r.type === NAMESPACE ? metadataName(r) : isHelmRelease(r) && inputsOf(r).createNamespace === true ? namespaceOf(r) : undefined;
      if (name === undefined) continue;
      const key = `${clusterKeyOf(plan, r)}|${name}`;
      creators.set(key, [...(creators.get(key) ?? []), r]);
    }
    for (const r of kube) {
      if (r.type === NAMESPACE) continue;
      const namespace = namespaceOf(r);
      if (namespace === undefined || BUILT_IN_NAMESPACES.has(namespace)) continue;
      const candidates = (creators.get(`${clusterKeyOf(plan, r)}|${namespace}`) ?? []).filter((c) => c.urn !== r.urn);
      if (isHelmRelease(r) && inputsOf(r).createNamespace === true) continue;
      if (candidates.some((c) => order.precedes(c.urn, r.urn))) continue;
      const what = isHelmRelease(r) ? "`helm install` fails" : "the API server refuses the object";
      if (candidates.length === 0) {
        findings.push({
          check: NAME,
          resource: r.urn,
          atDeploy: `${what}: namespaces "${namespace}" not found; nothing in this stack creates namespace "${namespace}" in that cluster`,
          fix: `declare a kubernetes.core.v1.Namespace "${namespace}" and create ${r.name} after it (take the namespace from its metadata.name output)${isHelmRelease(r) ? ", or set createNamespace: true on the release" : ""}`,
        });
        continue;
      }
      findings.push({
        check: NAME,
        resource: r.urn,
        related: candidates[0].urn,
        atDeploy: `${what} when it is created first: namespaces "${namespace}" not found (the engine creates both at the same time, nothing orders them)`,
        fix: `take metadata.namespace from ${candidates[0].name}'s metadata.name output, or add dependsOn: [${candidates[0].name}]`,
      });
    }
    return findings;
  },
};
