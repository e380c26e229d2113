import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "@pulumi/aws";
import { EC2_NODE_CLASS } from "./ebs-encrypted";

/**
 * Instances accept only IMDSv2 (session tokens), which defeats SSRF credential theft. EC2's
 * default is "optional", so launch templates and instances set `httpTokens: "required"`;
 * Karpenter node classes default to "required" and must not lower it.
 */
export const imdsv2Required: ResourceValidationPolicy = {
  name: "imdsv2-required",
  description: "EC2 instance metadata requires IMDSv2 tokens.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: [
    validateResourceOfType(aws.ec2.LaunchTemplate, (template, args, reportViolation) => {
      if (template.metadataOptions?.httpTokens !== "required") {
        reportViolation(
          `${args.name}: set metadataOptions.httpTokens: "required" (it is ${template.metadataOptions?.httpTokens ?? "unset, which EC2 reads as optional"}).`,
        );
      }
    }),
    validateResourceOfType(aws.ec2.Instance, (instance, args, reportViolation) => {
      if (instance.metadataOptions?.httpTokens !== "required") reportViolation(`${args.name}: set metadataOptions.httpTokens: "required".`);
    }),
    (args, reportViolation) => {
      if (args.type !== EC2_NODE_CLASS) return;
      const tokens = args.props.spec?.metadataOptions?.httpTokens;
      if (tokens !== undefined && tokens !== "required")
        reportViolation(`${args.name}: set spec.metadataOptions.httpTokens: "required" (it is "${tokens}").`);
    },
  ],
};
