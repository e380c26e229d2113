import type { ResourceValidationPolicy } from "@pulumi/policy";
import { MIRRORED_POLICIES } from "../../lib/settings";
import { regionOf } from "../../lib/resources";
import { inStackFile } from "../../lib/stack-keys";

interface Config {
  readonly requireHeadroom: boolean;
  readonly allowScaleToZero: boolean;
}

const SCALED_OBJECT = "kubernetes:keda.sh/v1alpha1:ScaledObject";

interface Bounds {
  readonly where: string;
  readonly min?: number;
  readonly desired?: number;
  readonly max?: number;
}

function boundsOf(type: string, p: Record<string, any>): Bounds | undefined {
  switch (type) {
    case "aws:eks/nodeGroup:NodeGroup":
      return {
        where: "scalingConfig.",
        min: p.scalingConfig?.minSize,
        desired: p.scalingConfig?.desiredSize,
        max: p.scalingConfig?.maxSize,
      };
    case "aws:autoscaling/group:Group":
      return { where: "", min: p.minSize, desired: p.desiredCapacity, max: p.maxSize };
    case "aws:appautoscaling/target:Target":
      return { where: "", min: p.minCapacity, max: p.maxCapacity };
    case SCALED_OBJECT:
      // CRD defaults when unset: minReplicaCount 0, maxReplicaCount 100 (keda.sh/docs/2.20/reference/scaledobject-spec/).
      return { where: "spec.", min: p.spec?.minReplicaCount ?? 0, max: p.spec?.maxReplicaCount ?? 100 };
    default:
      return undefined;
  }
}

/**
 * Autoscaling bounds make sense (min <= desired <= max) and, where `requireHeadroom` is set
 * (prod), max > min so capacity can grow under load or during a node replacement. Where
 * `allowScaleToZero` is off (prod), a KEDA ScaledObject keeps at least one replica: at zero the
 * first message waits for a pod to be scheduled and started.
 */
export const autoscalingBounds: ResourceValidationPolicy = {
  name: "autoscaling-bounds",
  description: "Autoscaling bounds are ordered (min <= desired <= max) and leave room to scale out where required.",
  ...MIRRORED_POLICIES["autoscaling-bounds"],
  severity: "medium",
  validateResource: (args, reportViolation) => {
    const { requireHeadroom, allowScaleToZero } = args.getConfig<Config>();
    const b = boundsOf(args.type, args.props);
    if (b === undefined) return;
    const { min, desired, max } = b;
    const key =
      args.type === "aws:eks/nodeGroup:NodeGroup"
        ? inStackFile("regions[].cluster.systemNodeGroup", regionOf(args))
        : args.type === SCALED_OBJECT
          ? inStackFile("regions[].queues[].scaling")
          : "";
    if (args.type === SCALED_OBJECT && !allowScaleToZero && min === 0) {
      reportViolation(
        `${args.name}: spec.minReplicaCount is 0; keep at least 1 replica, or allow scale to zero in this environment's policy config.${key}`,
      );
    }
    if (min !== undefined && max !== undefined && min > max) {
      reportViolation(`${args.name}: ${b.where}minimum ${min} exceeds the maximum ${max}; lower the minimum or raise the maximum.${key}`);
    }
    if (desired !== undefined && min !== undefined && desired < min)
      reportViolation(`${args.name}: ${b.where}desired ${desired} is below the minimum ${min}; raise it to at least ${min}.${key}`);
    if (desired !== undefined && max !== undefined && desired > max)
      reportViolation(`${args.name}: ${b.where}desired ${desired} is above the maximum ${max}; lower it to at most ${max}.${key}`);
    if (requireHeadroom && min !== undefined && max !== undefined && max <= min) {
      reportViolation(
        `${args.name}: raise the maximum above the minimum (both ${min === max ? min : `${min}/${max}`}) so it can scale out.${key}`,
      );
    }
  },
};
