/** The pack's identity, shared by the CLI entry point (index.ts) and the offline runner. */
import type { EnforcementLevel } from "@pulumi/policy";

export const PACK_NAME = "platform-policies";
export const PACK_DESCRIPTION = "Data residency, security and resilience of the multi-region platform.";
/** Level of a policy that sets none (every policy here sets its own). */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "mandatory";
