import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { Cidr, overlaps, parseCidr } from "../../lib/cidr";
import { regionOf } from "../../lib/resources";
import { inStackFile } from "../../lib/stack-keys";

const VPC_TYPES = ["aws:ec2/vpc:Vpc", "awsx:ec2:Vpc"];

/**
 * No two VPCs of the stack overlap, so regions can be peered or joined by a transit gateway
 * later. Offline the awsx VPC is one component carrying `cidrBlock`; under the CLI its child
 * `aws:ec2/vpc:Vpc` appears too and the component's outputs carry no `cidrBlock`, so a child
 * VPC is skipped only when its awsx parent is already counted.
 */
export const noOverlappingCidrs: StackValidationPolicy = {
  name: "no-overlapping-cidrs",
  description: "VPC CIDR blocks of different regions never overlap.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateStack: (args, reportViolation) => {
    const vpcs = args.resources.filter(
      (r) =>
        VPC_TYPES.includes(r.type) &&
        typeof r.props.cidrBlock === "string" &&
        !(r.type === "aws:ec2/vpc:Vpc" && r.parent?.type === "awsx:ec2:Vpc" && typeof r.parent.props.cidrBlock === "string"),
    );
    const seen: { vpc: PolicyResource; cidr: string; block: Cidr }[] = [];
    for (const vpc of vpcs) {
      const cidr = vpc.props.cidrBlock as string;
      const block = parseCidr(cidr);
      if (typeof block === "string") {
        reportViolation(`${vpc.name}: cidrBlock ${block}.${inStackFile("regions[].cidr", regionOf(vpc))}`, vpc.urn);
        continue;
      }
      for (const other of seen) {
        if (overlaps(block, other.block)) {
          reportViolation(
            `${vpc.name} (${cidr}) overlaps ${other.vpc.name} (${other.cidr}); give each region a disjoint block.${inStackFile("regions[].cidr", regionOf(vpc))} Without one, a region takes its slot of platform:network.supernet.`,
            vpc.urn,
          );
        }
      }
      seen.push({ vpc, cidr, block });
    }
  },
};
