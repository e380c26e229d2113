import type { ResourceValidationPolicy } from "@pulumi/policy";
import { residencyTypeOf } from "../../lib/residency-types";

/**
 * Residency by allow-list: every resource's type must be in the pack's residency table
 * (policies/lib/residency-types.ts), which says where its data lives and every property that can
 * send data, keys, access or logs elsewhere. A type the pack has not read, of any package
 * (`aws-native:` too), could carry data out of its zone through a property no rule looks at.
 */
export const residencyTypeKnown: ResourceValidationPolicy = {
  name: "residency-type-known",
  description: "Every resource type is one the pack knows the residency channels of (policies/lib/residency-types.ts).",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: (args, reportViolation) => {
    if (residencyTypeOf(args.type) !== undefined) return;
    reportViolation(
      `${args.name} is of type ${args.type}, which the residency pack does not know, so where it keeps data and which of its properties ` +
        "send data, keys, access or logs to other regions is unchecked. Teach the pack: add the type to policies/lib/residency-types.ts " +
        "(its placement, every property naming another region, bucket, host, key or principal with the rule that checks it, and sources), " +
        "a mock to tools/engine/mocks/residency-types.ts, and a violating case to test/policies/residency-breaches.test.ts.",
    );
  },
};
