/**
 * The CrossGuard pack the CLI runs: `pulumi preview --policy-pack policies
 * --policy-pack-config policies/config/<environment>.json`. Constructing a PolicyPack starts the
 * analyzer's gRPC server and never returns, so nothing else imports this file: tests and the
 * offline plan (tools/policy) use the same policies through rules/index.ts.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_DESCRIPTION, PACK_ENFORCEMENT_LEVEL, PACK_NAME } from "./pack";
import { POLICIES } from "./rules";

new PolicyPack(PACK_NAME, {
  description: PACK_DESCRIPTION,
  enforcementLevel: PACK_ENFORCEMENT_LEVEL,
  provider: "aws",
  tags: ["residency", "security", "resilience"],
  policies: POLICIES,
});
