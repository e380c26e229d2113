/** EKS: clusters, managed node groups, add-ons, access entries and Pod Identity associations. */
import { alnum, arn, hex, uuid } from "../../engine/ids";
import { ec2Id, physicalName } from "../../engine/mocks/naming";
import { PRICING } from "../prices";
import { TAG_LIMITS, nameRule, regionOfArn, roleArnRule } from "../rules";
import { api, registry, tf, tfDocs } from "../sources";
import { InputRule, TypeEntry, none } from "../types";

export const EKS_CLUSTER = "aws:eks/cluster:Cluster";
export const EKS_NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
export const EKS_ADDON = "aws:eks/addon:Addon";
export const EKS_ACCESS_ENTRY = "aws:eks/accessEntry:AccessEntry";
export const EKS_ACCESS_POLICY_ASSOCIATION = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";
export const EKS_POD_IDENTITY_ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation";

const CREATED = "2026-01-01T00:00:00Z";
/** EKS API endpoints carry one of a few cell ids between the hash and the region. */
const ENDPOINT_CELLS = ["gr7", "yl4", "sk1"] as const;
const NO_TRIGGERS = none("holds no data; its ForceNew properties are not catalogued, so the diff shows its changes as updates");
const NO_DATA = none("configuration of the cluster: recreated from code");
const FREE = none(`no charge of its own (${PRICING.eks})`);
const EKS_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]*$/;

/** A base64 PEM the shape of an EKS cluster CA (not a parseable certificate). */
function certificateAuthorityData(seed: string): string {
  const body = Buffer.from(hex(seed, 600), "hex").toString("base64");
  const lines = body.match(/.{1,64}/g) ?? [];
  return Buffer.from(`-----BEGIN CERTIFICATE-----\nMIIC${lines.join("\n")}\n-----END CERTIFICATE-----\n`).toString("base64");
}

const oneOf = (property: string, allowed: readonly string[], sources: readonly string[]): InputRule => ({
  property,
  rule: `one of ${allowed.join(", ")}`,
  sources,
  check: (ctx) => {
    const value = property.split(".").reduce<any>((v, k) => v?.[k], ctx.inputs);
    return value !== undefined && !allowed.includes(value) ? `"${value}"` : undefined;
  },
});

const roleArn = roleArnRule;

const CREATE_CLUSTER = api("eks", "CreateCluster");
const CREATE_NODEGROUP = api("eks", "CreateNodegroup");
const CREATE_ACCESS_ENTRY = api("eks", "CreateAccessEntry");

export const EKS_ENTRIES: readonly TypeEntry[] = [
  {
    type: EKS_CLUSTER,
    mock: (ctx) => {
      const name = physicalName(ctx);
      const id = hex(ctx.urn, 32).toUpperCase();
      const cell = ENDPOINT_CELLS[parseInt(hex(`${ctx.urn}/cell`, 2), 16) % ENDPOINT_CELLS.length];
      const vpcConfig = (ctx.inputs.vpcConfig ?? {}) as Record<string, unknown>;
      return {
        id: name,
        outputs: {
          name,
          arn: arn("eks", ctx.region, `cluster/${name}`, ctx.account),
          endpoint: `https://${id}.${cell}.${ctx.region}.eks.amazonaws.com`,
          certificateAuthority: { data: certificateAuthorityData(ctx.urn) },
          identities: [{ oidcs: [{ issuer: `https://oidc.eks.${ctx.region}.amazonaws.com/id/${id}` }] }],
          vpcConfig: {
            ...vpcConfig,
            clusterSecurityGroupId: ec2Id("sg", `${ctx.urn}/cluster-sg`),
            // EKS reports 0.0.0.0/0 for a public endpoint given no CIDRs.
            publicAccessCidrs: vpcConfig.publicAccessCidrs ?? (vpcConfig.endpointPublicAccess ? ["0.0.0.0/0"] : []),
            securityGroupIds: vpcConfig.securityGroupIds ?? [],
          },
          kubernetesNetworkConfig: { ipFamily: "ipv4", serviceIpv4Cidr: "172.20.0.0/16", serviceIpv6Cidr: "" },
          clusterId: uuid(ctx.urn),
          platformVersion: "eks.8",
          status: "ACTIVE",
          createdAt: CREATED,
        },
      };
    },
    mockSources: [registry(EKS_CLUSTER), api("eks", "DescribeCluster")],
    validation: [
      nameRule({
        property: "name",
        min: 1,
        max: 100,
        pattern: EKS_NAME,
        rule: "cluster names are 1-100 letters, digits, hyphens or underscores, starting with a letter or digit",
        sources: [CREATE_CLUSTER],
      }),
      {
        property: "vpcConfig.subnetIds",
        rule: "at least two subnets (in different availability zones)",
        sources: [CREATE_CLUSTER, "https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html"],
        check: (ctx) => {
          const subnets = ctx.inputs.vpcConfig?.subnetIds;
          return Array.isArray(subnets) && subnets.length < 2 ? `${subnets.length} subnet(s)` : undefined;
        },
      },
      {
        property: "encryptionConfig.provider.keyArn",
        rule: "the envelope-encryption key is a KMS key of the cluster's region",
        sources: [CREATE_CLUSTER],
        check: (ctx) => {
          const key = ctx.inputs.encryptionConfig?.provider?.keyArn;
          const region = regionOfArn(key);
          return region !== undefined && region !== ctx.region ? `${key} is in ${region}` : undefined;
        },
      },
      oneOf("accessConfig.authenticationMode", ["API", "API_AND_CONFIG_MAP", "CONFIG_MAP"], [CREATE_CLUSTER]),
      TAG_LIMITS,
    ],
    // AWS: "Cluster creation typically takes between 10 and 15 minutes" (earlier CreateCluster API
    // page; today's says "several minutes"); a 21-region measurement found 13-16 minutes everywhere.
    creation: {
      seconds: 840,
      source: `${CREATE_CLUSTER}; https://easontechtalk.com/unofficial-eks-cluster-creation-performance-across-aws-regions`,
    },
    price: {
      tier: "compute",
      sources: [PRICING.eks],
      monthly: ({ book }) => ({ usd: book.eksControlPlaneHourly * book.hoursPerMonth, item: "EKS control plane" }),
    },
    // Only two `kubernetesNetworkConfig` fields are ForceNew (`elasticLoadBalancing` is updatable).
    replacement: {
      replaceOn: [
        "accessConfig.bootstrapClusterCreatorAdminPermissions",
        "bootstrapSelfManagedAddons",
        "kubernetesNetworkConfig.ipFamily",
        "kubernetesNetworkConfig.serviceIpv4Cidr",
        "name",
        "outpostConfig.controlPlaneInstanceType",
        "outpostConfig.controlPlanePlacement",
        "remoteNetworkConfig",
        "roleArn",
      ],
      replaceIf: {
        // "You cannot disable envelope encryption after enabling it": removing the block replaces.
        encryptionConfig: ({ before, after }) => before !== undefined && before !== null && (after === undefined || after === null),
        // Auto Mode: changing an existing node role replaces; adding one does not.
        "computeConfig.nodeRoleArn": ({ before, after }) => typeof before === "string" && before !== "" && before !== after,
      },
      sources: [tf("eks/cluster.go"), registry(EKS_CLUSTER)],
    },
    data: {
      kind: "cluster",
      protectedInProd: false,
      why: "its etcd holds the workloads' Kubernetes objects (re-applied from code and charts); stateful data lives in RDS and ElastiCache",
      sources: [tf("eks/cluster.go")],
    },
  },
  {
    type: EKS_NODE_GROUP,
    mock: (ctx) => {
      const nodeGroupName = physicalName(ctx, "nodeGroupName");
      const suffix = uuid(ctx.urn);
      return {
        id: `${ctx.inputs.clusterName}:${nodeGroupName}`,
        outputs: {
          nodeGroupName,
          arn: arn("eks", ctx.region, `nodegroup/${ctx.inputs.clusterName}/${nodeGroupName}/${suffix}`, ctx.account),
          status: "ACTIVE",
          resources: [{ autoscalingGroups: [{ name: `eks-${nodeGroupName}-${suffix}` }], remoteAccessSecurityGroupId: "" }],
        },
      };
    },
    mockSources: [registry(EKS_NODE_GROUP)],
    validation: [
      nameRule({
        property: "nodeGroupName",
        min: 1,
        max: 63,
        pattern: EKS_NAME,
        rule: "node group names are 1-63 letters, digits, hyphens or underscores, starting with a letter or digit",
        sources: [CREATE_NODEGROUP],
      }),
      {
        property: "scalingConfig",
        rule: "minSize >= 0, maxSize >= 1, minSize <= desiredSize <= maxSize",
        sources: [api("eks", "NodegroupScalingConfig")],
        check: (ctx) => {
          const s = ctx.inputs.scalingConfig;
          if (!s) return undefined;
          const { minSize, maxSize, desiredSize } = s;
          return minSize < 0 || maxSize < 1 || minSize > desiredSize || desiredSize > maxSize
            ? `min ${minSize}, desired ${desiredSize}, max ${maxSize}`
            : undefined;
        },
      },
      {
        property: "diskSize",
        rule: "with a launch template, the disk size belongs in the template: the node group fails if diskSize (or remoteAccess) is also given",
        sources: [CREATE_NODEGROUP],
        check: (ctx) =>
          ctx.inputs.launchTemplate !== undefined && (ctx.inputs.diskSize !== undefined || ctx.inputs.remoteAccess !== undefined)
            ? `set together with launchTemplate`
            : undefined,
      },
      {
        property: "taints",
        rule: "at most 50 taints, each effect NO_SCHEDULE, NO_EXECUTE or PREFER_NO_SCHEDULE",
        sources: [api("eks", "Taint"), CREATE_NODEGROUP],
        check: (ctx) => {
          const taints = ctx.inputs.taints;
          if (!Array.isArray(taints)) return undefined;
          if (taints.length > 50) return `${taints.length} taints`;
          const bad = taints.filter((t: any) => !["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"].includes(t.effect));
          return bad.length > 0 ? `effect ${bad.map((t: any) => t.effect).join(", ")}` : undefined;
        },
      },
      roleArn("nodeRoleArn", [CREATE_NODEGROUP]),
      TAG_LIMITS,
    ],
    // Managed node groups: EC2 launch + kubelet join; provider create timeout 60m.
    creation: { seconds: 240, source: `${tfDocs("eks_node_group")}#timeouts` },
    price: {
      tier: "compute",
      sources: [PRICING.ec2],
      monthly: ({ inputs, book }) => {
        const type = String(inputs.instanceTypes?.[0]);
        const hourly = book.ec2Hourly[type];
        const n = Number(inputs.scalingConfig?.desiredSize ?? 0);
        return hourly === undefined
          ? { unpriced: `EC2 ${type}` }
          : { usd: n * hourly * book.hoursPerMonth, item: `${n}x ${type} (node group, desired size)` };
      },
    },
    // No data, but a replacement drains and relaunches every node of the group.
    replacement: {
      replaceOn: [
        "amiType",
        "capacityType",
        "clusterName",
        "diskSize",
        "instanceTypes",
        "launchTemplate.id",
        "launchTemplate.name",
        "nodeGroupName",
        "nodeGroupNamePrefix",
        "nodeRoleArn",
        "remoteAccess",
        "subnetIds",
      ],
      sources: [tf("eks/node_group.go"), registry(EKS_NODE_GROUP)],
    },
    data: {
      kind: "cluster",
      protectedInProd: false,
      why: "no data, but a replacement drains and relaunches every node of the group",
      sources: [tf("eks/node_group.go")],
    },
  },
  {
    type: EKS_ADDON,
    mock: (ctx) => ({
      id: `${ctx.inputs.clusterName}:${ctx.inputs.addonName}`,
      outputs: {
        arn: arn("eks", ctx.region, `addon/${ctx.inputs.clusterName}/${ctx.inputs.addonName}/${uuid(ctx.urn)}`, ctx.account),
        createdAt: CREATED,
        modifiedAt: CREATED,
      },
    }),
    mockSources: [registry(EKS_ADDON)],
    validation: [oneOf("resolveConflictsOnCreate", ["NONE", "OVERWRITE"], [api("eks", "CreateAddon")]), TAG_LIMITS],
    creation: { seconds: 60, source: `${tfDocs("eks_addon")}#timeouts` },
    price: FREE,
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
  {
    type: EKS_ACCESS_ENTRY,
    mock: (ctx) => {
      const principal = String(ctx.inputs.principalArn);
      const roleName = principal.split("/").pop();
      const ec2 = ctx.inputs.type === "EC2_LINUX";
      return {
        id: `${ctx.inputs.clusterName}:${principal}`,
        outputs: {
          accessEntryArn: arn(
            "eks",
            ctx.region,
            `access-entry/${ctx.inputs.clusterName}/role/${ctx.account}/${roleName}/${uuid(ctx.urn)}`,
            ctx.account,
          ),
          type: ctx.inputs.type ?? "STANDARD",
          userName: ec2 ? "system:node:{{EC2PrivateDNSName}}" : principal,
          kubernetesGroups: ctx.inputs.kubernetesGroups ?? (ec2 ? ["system:nodes"] : []),
          createdAt: CREATED,
          modifiedAt: CREATED,
        },
      };
    },
    mockSources: [registry(EKS_ACCESS_ENTRY)],
    validation: [
      oneOf(
        "type",
        ["STANDARD", "EC2_LINUX", "EC2_WINDOWS", "FARGATE_LINUX", "EC2", "HYBRID_LINUX", "HYPERPOD_LINUX"],
        [CREATE_ACCESS_ENTRY],
      ),
      {
        property: "kubernetesGroups",
        rule: "node access entries (EC2_LINUX, EC2_WINDOWS) take no kubernetesGroups or userName: EKS assigns them",
        sources: [CREATE_ACCESS_ENTRY],
        check: (ctx) =>
          ["EC2_LINUX", "EC2_WINDOWS"].includes(ctx.inputs.type) &&
          (ctx.inputs.kubernetesGroups !== undefined || ctx.inputs.userName !== undefined)
            ? `set on an ${ctx.inputs.type} entry`
            : undefined,
      },
      {
        property: "principalArn",
        rule: "an IAM role or user ARN",
        sources: [CREATE_ACCESS_ENTRY],
        check: (ctx) => {
          const value = ctx.inputs.principalArn;
          return typeof value === "string" && !/^arn:aws[a-z-]*:(iam|sts)::\d{12}:(role|user|assumed-role)\//.test(value)
            ? `"${value}"`
            : undefined;
        },
      },
      TAG_LIMITS,
    ],
    creation: { seconds: 5, source: tfDocs("eks_access_entry") },
    price: FREE,
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
  {
    type: EKS_ACCESS_POLICY_ASSOCIATION,
    mock: (ctx) => ({
      id: `${ctx.inputs.clusterName}#${ctx.inputs.principalArn}#${ctx.inputs.policyArn}`,
      outputs: { associatedAt: CREATED, modifiedAt: CREATED },
    }),
    mockSources: [registry(EKS_ACCESS_POLICY_ASSOCIATION)],
    validation: [
      {
        property: "accessScope",
        rule: "scope type cluster or namespace; a namespace scope names its namespaces, a cluster scope none",
        sources: [api("eks", "AccessScope")],
        check: (ctx) => {
          const scope = ctx.inputs.accessScope;
          if (!scope) return undefined;
          const namespaces = Array.isArray(scope.namespaces) ? scope.namespaces.length : 0;
          if (!["cluster", "namespace"].includes(scope.type)) return `type "${scope.type}"`;
          return (scope.type === "namespace") !== namespaces > 0 ? `type ${scope.type} with ${namespaces} namespace(s)` : undefined;
        },
      },
      {
        property: "policyArn",
        rule: "an EKS access policy ARN (arn:aws:eks::aws:cluster-access-policy/...)",
        sources: [api("eks", "AssociateAccessPolicy")],
        check: (ctx) => {
          const value = ctx.inputs.policyArn;
          return typeof value === "string" && !/^arn:aws[a-z-]*:eks::aws:cluster-access-policy\//.test(value) ? `"${value}"` : undefined;
        },
      },
    ],
    creation: { seconds: 5, source: tfDocs("eks_access_policy_association") },
    price: FREE,
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
  {
    type: EKS_POD_IDENTITY_ASSOCIATION,
    mock: (ctx) => {
      const associationId = `a-${alnum(ctx.urn, 17, false)}`;
      return {
        id: `${ctx.inputs.clusterName},${associationId}`,
        outputs: {
          associationId,
          associationArn: arn("eks", ctx.region, `podidentityassociation/${ctx.inputs.clusterName}/${associationId}`, ctx.account),
          externalId: uuid(ctx.urn),
        },
      };
    },
    mockSources: [registry(EKS_POD_IDENTITY_ASSOCIATION)],
    validation: [roleArn("roleArn", [api("eks", "CreatePodIdentityAssociation")]), TAG_LIMITS],
    creation: { seconds: 5, source: tfDocs("eks_pod_identity_association") },
    price: FREE,
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
];
