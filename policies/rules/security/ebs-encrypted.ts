import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "@pulumi/aws";
import { isRecord } from "../../lib/resources";

/** Karpenter's node class, as a Kubernetes custom resource (kubernetes:<apiVersion>:<kind>). */
export const EC2_NODE_CLASS = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";

/**
 * Node disks are encrypted: launch templates, volumes and instances set `encrypted`; an EKS
 * managed node group uses a launch template (its built-in one follows the account's EBS default,
 * which this program does not control); Karpenter node classes that map block devices encrypt
 * them (Karpenter's own default mapping is encrypted).
 */
export const ebsEncrypted: ResourceValidationPolicy = {
  name: "ebs-encrypted",
  description: "EBS volumes of nodes (launch templates, node groups, Karpenter node classes) are encrypted.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: [
    validateResourceOfType(aws.ec2.LaunchTemplate, (template, args, reportViolation) => {
      (template.blockDeviceMappings ?? []).forEach((mapping, i) => {
        if (mapping.ebs !== undefined && String(mapping.ebs.encrypted) !== "true") {
          reportViolation(
            `${args.name}: set blockDeviceMappings[${i}].ebs.encrypted: "true" (${mapping.deviceName ?? "device"} is unencrypted).`,
          );
        }
      });
    }),
    validateResourceOfType(aws.ebs.Volume, (volume, args, reportViolation) => {
      if (volume.encrypted !== true) reportViolation(`${args.name}: set encrypted: true.`);
    }),
    validateResourceOfType(aws.ec2.Instance, (instance, args, reportViolation) => {
      if (instance.rootBlockDevice?.encrypted !== true) reportViolation(`${args.name}: set rootBlockDevice.encrypted: true.`);
    }),
    validateResourceOfType(aws.eks.NodeGroup, (group, args, reportViolation) => {
      if (group.launchTemplate === undefined) {
        reportViolation(
          `${args.name}: set launchTemplate to a template with encrypted EBS volumes (without one, node disks follow the account's EBS default).`,
        );
      }
    }),
    (args, reportViolation) => {
      if (args.type !== EC2_NODE_CLASS) return;
      const mappings: unknown[] = Array.isArray(args.props.spec?.blockDeviceMappings) ? args.props.spec.blockDeviceMappings : [];
      mappings.forEach((mapping, i) => {
        if (isRecord(mapping) && isRecord(mapping.ebs) && mapping.ebs.encrypted !== true) {
          reportViolation(`${args.name}: set spec.blockDeviceMappings[${i}].ebs.encrypted: true.`);
        }
      });
    },
  ],
};
