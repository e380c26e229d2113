import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { ZonesConfig, residencyZonesSchema } from "../../lib/config";
import { known, referenced } from "../../lib/channels";
import { Statement, requiredValues, statementsOf } from "../../lib/iam";
import { declaredZoneOf, isRecord, zoneOf } from "../../lib/resources";
import { regionOfArn } from "../../residency-zones";

const ROLE = "aws:iam/role:Role";
const ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
const ADDON = "aws:eks/addon:Addon";
const PODS = "pods.eks.amazonaws.com";
/**
 * Session tags EKS Pod Identity adds to its AssumeRole call, usable as `aws:RequestTag/<key>` in a
 * trust policy ("List of session tags added by EKS Pod Identity", EKS User Guide pod-id-abac;
 * "Setting Conditions", pod-id-role.html).
 */
const CLUSTER = "aws:RequestTag/eks-cluster-arn";
const NAMESPACE = "aws:RequestTag/kubernetes-namespace";
const SERVICE_ACCOUNT = "aws:RequestTag/kubernetes-service-account";

interface Scope {
  readonly clusters: readonly string[];
  readonly namespaces: readonly string[];
  readonly serviceAccounts: readonly string[];
}

/**
 * A role EKS Pod Identity may assume names the one cluster, namespace and service account it is
 * for. The `pods.eks.amazonaws.com` principal serves every cluster of the account, so a trust with
 * only `aws:SourceAccount` lets any cluster (the other zone's included) bind the role; the session
 * tags pin it. The cluster must be in the role's residency zone, and every Pod Identity association
 * of the stack must be admitted by its role's trust (else its pods get AccessDenied).
 */
export const podIdentityTrustScoped: StackValidationPolicy = {
  name: "pod-identity-trust-scoped",
  description: "Pod Identity roles trust one cluster (of their zone), namespace and service account through EKS session tags.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: { properties: { residencyZones: residencyZonesSchema } },
  validateStack: (args, reportViolation) => {
    const { residencyZones } = args.getConfig<ZonesConfig>();
    const scopes = new Map<PolicyResource, Scope>();
    for (const role of args.resources.filter((r) => r.type === ROLE)) {
      const statements = (statementsOf(known(() => role.props.assumeRolePolicy)) ?? []).filter(
        (s) => s.effect === "Allow" && (s.principals.Service ?? []).includes(PODS),
      );
      if (statements.length === 0) continue;
      const scope = scopeOf(statements);
      scopes.set(role, scope);
      const missing = [
        scope.clusters.length === 0 ? `${CLUSTER} (the cluster's ARN)` : undefined,
        scope.namespaces.length === 0 ? NAMESPACE : undefined,
        scope.serviceAccounts.length === 0 ? SERVICE_ACCOUNT : undefined,
      ].filter((m): m is string => m !== undefined);
      if (missing.length > 0) {
        reportViolation(
          `${role.name} trusts ${PODS} without StringEquals conditions on ${missing.join(", ")}, so any cluster in the account can bind it; ` +
            "condition the trust on the session tags EKS Pod Identity sets for the one cluster, namespace and service account it is for.",
          role.urn,
        );
      }
      const zone = declaredZoneOf(role);
      for (const cluster of scope.clusters) {
        const clusterZone = zoneOf(regionOfArn(cluster), residencyZones);
        if (zone !== undefined && residencyZones[zone] !== undefined && clusterZone !== zone) {
          reportViolation(
            `${role.name} (zone ${zone}) trusts pods of ${cluster} (zone ${clusterZone ?? "none"}): access to zone ${zone}'s data from another zone.`,
            role.urn,
          );
        }
      }
    }
    const roleOf = (holder: PolicyResource, property: string, arn: unknown) =>
      referenced(holder, property, [ROLE], args.resources, (r) => known(() => r.props.arn) === arn);
    const admits = (
      where: string,
      urn: string,
      role: PolicyResource | undefined,
      cluster: string,
      namespace: string | undefined,
      serviceAccount: string,
    ) => {
      const scope = role === undefined ? undefined : scopes.get(role);
      if (role === undefined || scope === undefined) return;
      const clusterOk = scope.clusters.length === 0 || scope.clusters.some((arn) => arn.endsWith(`:cluster/${cluster}`));
      const nsOk = namespace === undefined || scope.namespaces.length === 0 || scope.namespaces.includes(namespace);
      const saOk = scope.serviceAccounts.length === 0 || scope.serviceAccounts.includes(serviceAccount);
      if (clusterOk && nsOk && saOk) return;
      reportViolation(
        `${where} binds ${namespace ?? "(add-on namespace)"}/${serviceAccount} of cluster ${cluster} to ${role.name}, whose trust admits only ` +
          `${scope.namespaces.join("|") || "*"}/${scope.serviceAccounts.join("|") || "*"} of ${scope.clusters.join("|") || "*"}: its pods would get AccessDenied.`,
        urn,
      );
    };
    for (const association of args.resources.filter((r) => r.type === ASSOCIATION)) {
      const p = (k: string) => known(() => association.props[k]);
      if (p("disableSessionTags") === true) {
        reportViolation(
          `${association.name} sets disableSessionTags: true, so EKS sends none of the session tags its role's trust is scoped by.`,
          association.urn,
        );
      }
      admits(
        association.name,
        association.urn,
        roleOf(association, "roleArn", p("roleArn")),
        String(p("clusterName")),
        String(p("namespace")),
        String(p("serviceAccount")),
      );
    }
    for (const addon of args.resources.filter((r) => r.type === ADDON)) {
      const associations: unknown = known(() => addon.props.podIdentityAssociations);
      for (const [i, a] of (Array.isArray(associations) ? associations : []).entries()) {
        if (!isRecord(a)) continue;
        admits(
          `${addon.name} podIdentityAssociations[${i}]`,
          addon.urn,
          roleOf(addon, "podIdentityAssociations", a.roleArn),
          String(known(() => addon.props.clusterName)),
          undefined,
          String(a.serviceAccount),
        );
      }
    }
  },
};

function scopeOf(statements: readonly Statement[]): Scope {
  const values = (key: string) => statements.flatMap((s) => requiredValues(s, key) ?? []);
  // The docs name no aws:SourceArn for Pod Identity's AssumeRole: only the session tags pin a cluster.
  return { clusters: values(CLUSTER), namespaces: values(NAMESPACE), serviceAccounts: values(SERVICE_ACCOUNT) };
}
