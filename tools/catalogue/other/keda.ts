/**
 * KEDA's custom resources (keda.sh/v1alpha1), as the CRDs and admission webhook of KEDA v2.20.2
 * refuse them: kedacore/charts keda/templates/crds/ at cbb9bb8 (the chart that installs them) and
 * kedacore/keda v2.20.2 apis/keda/v1alpha1 (scaledobject_webhook.go, scaledobject_types.go,
 * triggerauthentication_types.go and _webhook.go), pkg/scalers/aws_sqs_queue_scaler.go.
 */
import { InputRule, TypeEntry, ValidationContext } from "../types";
import { SUBDOMAIN, kubernetesObject } from "./kubernetes";

export const SCALED_OBJECT = "kubernetes:keda.sh/v1alpha1:ScaledObject";
export const TRIGGER_AUTHENTICATION = "kubernetes:keda.sh/v1alpha1:TriggerAuthentication";

const CHART = "https://github.com/kedacore/charts/blob/cbb9bb8ce0809dc9048f72302f7c09765d66ed56/keda/templates/crds";
const API = "https://github.com/kedacore/keda/blob/v2.20.2/apis/keda/v1alpha1";
const SQS_SCALER = "https://github.com/kedacore/keda/blob/v2.20.2/pkg/scalers/aws_sqs_queue_scaler.go";
const NAMES = "https://kubernetes.io/docs/concepts/overview/working-with-objects/names/";

const spec = (ctx: ValidationContext): Record<string, any> => (ctx.inputs.spec ?? {}) as Record<string, any>;
const triggers = (ctx: ValidationContext): Record<string, any>[] => (Array.isArray(spec(ctx).triggers) ? spec(ctx).triggers : []);

const SCALED_OBJECT_RULES: readonly InputRule[] = [
  {
    property: "metadata.name",
    rule: "the ScaledObject's name is a label value and its HPA is keda-hpa-<name>: at most 54 characters unless spec.advanced.horizontalPodAutoscalerConfig.name is set",
    sources: [`${API}/scaledobject_webhook.go`],
    check: (ctx) => {
      const name = ctx.inputs.metadata?.name;
      const hpaName = spec(ctx).advanced?.horizontalPodAutoscalerConfig?.name;
      if (typeof name !== "string") return undefined;
      const hpa = typeof hpaName === "string" && hpaName !== "" ? hpaName : `keda-hpa-${name}`;
      return name.length > 63 || hpa.length > 63 ? `name "${name}" (HPA "${hpa}")` : undefined;
    },
  },
  {
    property: "spec.minReplicaCount",
    rule: "minReplicaCount >= 0, maxReplicaCount >= 1 (default 100), min <= max (CRD CEL rule), idleReplicaCount < minReplicaCount",
    sources: [`${CHART}/crd-scaledobjects.yaml`, `${API}/scaledobject_types.go`],
    check: (ctx) => {
      const s = spec(ctx);
      const min = typeof s.minReplicaCount === "number" ? s.minReplicaCount : 0;
      const max = typeof s.maxReplicaCount === "number" ? s.maxReplicaCount : 100;
      const problems: string[] = [];
      if (!Number.isInteger(min) || min < 0) problems.push(`minReplicaCount ${min}`);
      if (!Number.isInteger(max) || max < 1) problems.push(`maxReplicaCount ${max}`);
      if (min > max) problems.push(`minReplicaCount ${min} > maxReplicaCount ${max}`);
      if (typeof s.idleReplicaCount === "number" && s.idleReplicaCount >= min)
        problems.push(`idleReplicaCount ${s.idleReplicaCount} >= ${min}`);
      return problems;
    },
  },
  {
    property: "spec.triggers",
    rule: "at least one trigger, each with a type and metadata whose values are all strings (additionalProperties: string)",
    sources: [`${CHART}/crd-scaledobjects.yaml`],
    check: (ctx) => {
      if (triggers(ctx).length === 0) return "no triggers";
      return triggers(ctx).flatMap((t, i) => {
        if (typeof t.type !== "string" || t.type === "") return [`triggers[${i}] has no type`];
        const metadata = (t.metadata ?? {}) as Record<string, unknown>;
        return Object.entries(metadata)
          .filter(([, v]) => typeof v !== "string")
          .map(([k, v]) => `triggers[${i}].metadata.${k} is ${typeof v}, not a string`);
      });
    },
  },
  {
    property: "spec.triggers[].metadata",
    rule: "an aws-sqs-queue trigger names its queue (queueURL) and its region (awsRegion, required); queueLength and activationQueueLength are whole numbers, queueLength above 0 (the HPA's averageValue)",
    sources: [SQS_SCALER, "https://keda.sh/docs/2.20/scalers/aws-sqs/"],
    check: (ctx) =>
      triggers(ctx)
        .map((t, i) => ({ t, i }))
        .filter(({ t }) => t.type === "aws-sqs-queue")
        .flatMap(({ t, i }) => {
          const m = (t.metadata ?? {}) as Record<string, unknown>;
          const problems: string[] = [];
          if (typeof m.queueURL !== "string" || m.queueURL === "") problems.push(`triggers[${i}] has no queueURL`);
          if (typeof m.awsRegion !== "string" || m.awsRegion === "") problems.push(`triggers[${i}] has no awsRegion`);
          if (m.queueLength !== undefined && !/^[1-9]\d*$/.test(String(m.queueLength)))
            problems.push(`triggers[${i}] queueLength "${String(m.queueLength)}"`);
          if (m.activationQueueLength !== undefined && !/^\d+$/.test(String(m.activationQueueLength)))
            problems.push(`triggers[${i}] activationQueueLength "${String(m.activationQueueLength)}"`);
          return problems;
        }),
  },
];

const TRIGGER_AUTHENTICATION_RULES: readonly InputRule[] = [
  {
    property: "spec.podIdentity",
    rule: "podIdentity.provider is one of azure-workload, gcp, aws, aws-eks, none; roleArn cannot be set when identityOwner is workload",
    sources: [`${API}/triggerauthentication_types.go`, `${API}/triggerauthentication_webhook.go`],
    check: (ctx) => {
      const identity = ctx.inputs.spec?.podIdentity as Record<string, unknown> | undefined;
      if (identity === undefined) return undefined;
      const problems: string[] = [];
      if (!["azure-workload", "gcp", "aws", "aws-eks", "none"].includes(String(identity.provider)))
        problems.push(`provider "${String(identity.provider)}"`);
      if (identity.identityOwner !== undefined && !["keda", "workload"].includes(String(identity.identityOwner)))
        problems.push(`identityOwner "${String(identity.identityOwner)}"`);
      if (typeof identity.roleArn === "string" && identity.roleArn !== "" && identity.identityOwner === "workload")
        problems.push("roleArn with identityOwner workload");
      return problems;
    },
  },
];

const scaledObject = kubernetesObject(
  SCALED_OBJECT,
  true,
  SUBDOMAIN,
  253,
  "object names are DNS subdomains",
  [`${CHART}/crd-scaledobjects.yaml`, NAMES],
  1,
);
const triggerAuthentication = kubernetesObject(
  TRIGGER_AUTHENTICATION,
  true,
  SUBDOMAIN,
  253,
  "object names are DNS subdomains",
  [`${CHART}/crd-triggerauthentications.yaml`, NAMES],
  1,
);

export const KEDA_ENTRIES: readonly TypeEntry[] = [
  { ...scaledObject, validation: [...(scaledObject.validation as readonly InputRule[]), ...SCALED_OBJECT_RULES] },
  {
    ...triggerAuthentication,
    validation: [...(triggerAuthentication.validation as readonly InputRule[]), ...TRIGGER_AUTHENTICATION_RULES],
  },
];
