import { addonVersionsCheck } from "./checks/addon-versions";
import { crdBeforeCustomResources } from "./checks/crd-before-custom-resources";
import { drReplicasWatched } from "./checks/dr-replicas-watched";
import { helmPodsSchedulable } from "./checks/helm-pods-schedulable";
import { kubernetesApiReachable } from "./checks/kubernetes-api-reachable";
import { namespaceBeforeObjects } from "./checks/namespace-before-objects";
import { serviceLinkedRolesCheck } from "./checks/service-linked-roles";
import { serviceLogGroups } from "./checks/service-log-groups";
import { wafApiWriteBodies } from "./checks/waf-api-write-bodies";
import { DeployCheck } from "./types";

export * from "./types";

/**
 * Every deploy check, run by `npm run plan` after the program is evaluated. One check per file
 * under checks/, listed here explicitly (a test checks that every file is listed).
 */
export const DEPLOY_CHECKS: readonly DeployCheck[] = [
  kubernetesApiReachable,
  namespaceBeforeObjects,
  crdBeforeCustomResources,
  helmPodsSchedulable,
  addonVersionsCheck,
  serviceLinkedRolesCheck,
  serviceLogGroups,
  drReplicasWatched,
  wafApiWriteBodies,
];
