import { alnum, arn, hex } from "../ids";
import { ec2Id, physicalName } from "./naming";
import { MockResourceContext, MockResourceResult, MockSet } from "./types";

/** `8-4-4-4-12` lower-case hex, derived from the URN. */
function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** EKS API endpoints carry one of a few cell ids between the hash and the region. */
const ENDPOINT_CELLS = ["gr7", "yl4", "sk1"] as const;

/** A base64 PEM the shape of an EKS cluster CA (not a parseable certificate). */
function certificateAuthorityData(seed: string): string {
  const body = Buffer.from(hex(seed, 600), "hex").toString("base64");
  const lines = body.match(/.{1,64}/g) ?? [];
  return Buffer.from(`-----BEGIN CERTIFICATE-----\nMIIC${lines.join("\n")}\n-----END CERTIFICATE-----\n`).toString("base64");
}

const CREATED = "2026-01-01T00:00:00Z";

/** What the Kubernetes API server adds to every object's metadata. */
function kubeObject(ctx: MockResourceContext, namespaced: boolean): MockResourceResult {
  const metadata = (ctx.inputs.metadata ?? {}) as Record<string, unknown>;
  const name = typeof metadata.name === "string" ? metadata.name : `${ctx.name}-${hex(ctx.urn, 8)}`;
  const namespace = namespaced ? (typeof metadata.namespace === "string" ? metadata.namespace : "default") : undefined;
  return {
    id: namespace ? `${namespace}/${name}` : name,
    outputs: {
      metadata: {
        ...metadata,
        name,
        ...(namespace ? { namespace } : {}),
        uid: uuid(ctx.urn),
        resourceVersion: String(parseInt(hex(ctx.urn, 6), 16)),
        generation: 1,
        creationTimestamp: CREATED,
      },
    },
  };
}

/** EKS, node groups and launch templates, Karpenter's EventBridge rules, and the Kubernetes objects we install. */
export const computeMocks: MockSet = {
  resources: {
    "aws:eks/cluster:Cluster": (ctx) => {
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
    "aws:eks/addon:Addon": (ctx) => ({
      id: `${ctx.inputs.clusterName}:${ctx.inputs.addonName}`,
      outputs: {
        arn: arn("eks", ctx.region, `addon/${ctx.inputs.clusterName}/${ctx.inputs.addonName}/${uuid(ctx.urn)}`, ctx.account),
        createdAt: CREATED,
        modifiedAt: CREATED,
      },
    }),
    "aws:eks/accessEntry:AccessEntry": (ctx) => {
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
    "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": (ctx) => ({
      id: `${ctx.inputs.clusterName}#${ctx.inputs.principalArn}#${ctx.inputs.policyArn}`,
      outputs: { associatedAt: CREATED, modifiedAt: CREATED },
    }),
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": (ctx) => {
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
    "aws:eks/nodeGroup:NodeGroup": (ctx) => {
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
    "aws:ec2/launchTemplate:LaunchTemplate": (ctx) => {
      const id = ec2Id("lt", ctx.urn);
      return {
        id,
        outputs: {
          name: physicalName(ctx),
          arn: arn("ec2", ctx.region, `launch-template/${id}`, ctx.account),
          latestVersion: 1,
          defaultVersion: 1,
        },
      };
    },
    // The interruption queue and its policy use the SQS mocks of the data tier (data.ts).
    "aws:cloudwatch/eventRule:EventRule": (ctx) => {
      const name = physicalName(ctx);
      return { id: name, outputs: { name, arn: arn("events", ctx.region, `rule/${name}`, ctx.account), eventBusName: "default" } };
    },
    "aws:cloudwatch/eventTarget:EventTarget": (ctx) => {
      const targetId = ctx.inputs.targetId ?? `terraform-${hex(ctx.urn, 26)}`;
      return { id: `${ctx.inputs.rule}-${targetId}`, outputs: { targetId, eventBusName: "default" } };
    },

    "pulumi:providers:kubernetes": (ctx) => ({ id: hex(ctx.urn, 36), outputs: {} }),
    "kubernetes:helm.sh/v3:Release": (ctx) => {
      const name = physicalName(ctx);
      const namespace = ctx.inputs.namespace ?? "default";
      const chart = String(ctx.inputs.chart).split("/").pop();
      const version = ctx.inputs.version ?? "0.0.0";
      return {
        id: `${namespace}/${name}`,
        outputs: { name, namespace, status: { name, namespace, chart, version, appVersion: version, revision: 1, status: "deployed" } },
      };
    },
    "kubernetes:core/v1:Namespace": (ctx) => {
      const result = kubeObject(ctx, false);
      return { ...result, outputs: { ...result.outputs, status: { phase: "Active" } } };
    },
    "kubernetes:core/v1:ServiceAccount": (ctx) => kubeObject(ctx, true),
    "kubernetes:karpenter.sh/v1:NodePool": (ctx) => kubeObject(ctx, false),
    "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass": (ctx) => kubeObject(ctx, false),
  },
};
