/**
 * Applies the CrossGuard pack to an offline plan: every resource policy to every resource, then
 * every stack policy to the whole stack, with the config the CLI would get from
 * `--policy-pack-config`. Results are grouped by policy with URNs and enforcement levels.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type {
  EnforcementLevel,
  Policies,
  ReportViolation,
  ResourceValidation,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { PACK_NAME } from "../../policies/pack";
import { POLICIES } from "../../policies/rules";
import { Plan } from "../engine/model";
import { NotApplicableError, PlanView, UnknownValueError } from "./args";
import { ResolvedPolicyConfig, loadPolicyConfig } from "./config";

export { PolicyConfigError, loadPolicyConfig, policyConfigFileFor, resolvePolicyConfig } from "./config";

export type ReportedLevel = "advisory" | "mandatory";

export interface PolicyViolation {
  readonly policy: string;
  readonly enforcementLevel: ReportedLevel;
  /** The resource in violation; absent when a stack policy blames the stack as a whole. */
  readonly urn?: string;
  readonly message: string;
}

export interface PolicyOutcome {
  readonly policy: string;
  readonly description: string;
  readonly kind: "resource" | "stack";
  readonly enforcementLevel: EnforcementLevel;
  readonly violations: readonly PolicyViolation[];
}

export interface PolicyReport {
  readonly pack: string;
  readonly version: string;
  readonly configFile?: string;
  readonly policies: readonly PolicyOutcome[];
  readonly mandatory: number;
  readonly advisory: number;
}

const PACK_VERSION = (JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../policies/package.json"), "utf8")) as { version: string })
  .version;

/** Loads the policy config file and runs the whole pack against the plan. */
export async function evaluatePolicies(plan: Plan, configFile: string, policies: Policies = POLICIES): Promise<PolicyReport> {
  const config = loadPolicyConfig(configFile, policies);
  return { ...(await runPolicies(plan, config, policies)), configFile };
}

function isStackPolicy(policy: ResourceValidationPolicy | StackValidationPolicy): policy is StackValidationPolicy {
  return typeof (policy as StackValidationPolicy).validateStack === "function";
}

/** Runs the policies against the plan with already resolved config (tests pass their own). */
export async function runPolicies(plan: Plan, config: ResolvedPolicyConfig, policies: Policies = POLICIES): Promise<PolicyReport> {
  const view = new PlanView(plan);
  const outcomes: PolicyOutcome[] = [];
  for (const policy of policies) {
    const settings = config.get(policy.name);
    const level: EnforcementLevel = settings?.enforcementLevel ?? policy.enforcementLevel ?? "advisory";
    const kind = isStackPolicy(policy) ? "stack" : "resource";
    const violations: PolicyViolation[] = [];
    if (level !== "disabled") {
      // No remediation runs offline; like the analyzer, a remediate-level violation reports as mandatory.
      const reported: ReportedLevel = level === "advisory" ? "advisory" : "mandatory";
      const getConfig = <T extends object>() => ({ ...(settings?.properties ?? {}) }) as T;
      const attempt = async (urn: string | undefined, run: (report: ReportViolation) => unknown) => {
        const report: ReportViolation = (message, reportedUrn) =>
          violations.push({
            policy: policy.name,
            enforcementLevel: reported,
            urn: urn ?? reportedUrn,
            message: message || policy.description,
          });
        try {
          await run(report);
        } catch (error) {
          if (error instanceof NotApplicableError) return;
          if (error instanceof UnknownValueError) {
            violations.push({
              policy: policy.name,
              enforcementLevel: "advisory",
              urn,
              message: `can't run policy '${policy.name}' from policy pack '${PACK_NAME}@v${PACK_VERSION}' during preview: ${error.message}`,
            });
            return;
          }
          // The CLI fails the preview when a policy throws; offline it is a mandatory finding.
          violations.push({
            policy: policy.name,
            enforcementLevel: "mandatory",
            urn,
            message: `policy failed: ${(error as Error).message ?? String(error)}`,
          });
        }
      };
      if (isStackPolicy(policy)) {
        const resources = view.stackResources();
        await attempt(undefined, (report) =>
          policy.validateStack({ resources, stackTags: view.stackTags, getConfig, notApplicable: throwNotApplicable }, report),
        );
      } else {
        const validations: ResourceValidation[] = [policy.validateResource ?? []].flat();
        const onlyType = validations.length === 1 ? (validations[0] as { __pulumiType?: string }).__pulumiType : undefined;
        for (const resource of plan.resources) {
          if (onlyType !== undefined && resource.type !== onlyType) continue;
          for (const validation of validations) {
            await attempt(resource.urn, (report) => validation({ ...view.resourceArgs(resource), getConfig }, report));
          }
        }
      }
    }
    outcomes.push({ policy: policy.name, description: policy.description, kind, enforcementLevel: level, violations });
  }
  const all = outcomes.flatMap((o) => o.violations);
  return {
    pack: PACK_NAME,
    version: PACK_VERSION,
    policies: outcomes,
    mandatory: all.filter((v) => v.enforcementLevel === "mandatory").length,
    advisory: all.filter((v) => v.enforcementLevel === "advisory").length,
  };
}

function throwNotApplicable(reason?: string): never {
  throw new NotApplicableError(reason);
}

/** The report as text: a summary line, then each policy with violations and its resources. */
export function formatPolicyReport(report: PolicyReport): string {
  const lines: string[] = [];
  const config = report.configFile ? `, config ${path.relative(process.cwd(), report.configFile) || report.configFile}` : "";
  const active = report.policies.filter((p) => p.enforcementLevel !== "disabled");
  lines.push(
    `Policies (${report.pack}@v${report.version}${config}): ${active.length} of ${report.policies.length} enabled, ` +
      `${report.mandatory} mandatory and ${report.advisory} advisory violation(s)`,
  );
  for (const outcome of report.policies) {
    if (outcome.violations.length === 0) continue;
    lines.push(`  ${outcome.policy} (${outcome.enforcementLevel}): ${outcome.description}`);
    for (const v of outcome.violations) {
      lines.push(`    [${v.enforcementLevel}] ${v.urn ?? "(stack)"}`);
      lines.push(`      ${v.message}`);
    }
  }
  const disabled = report.policies.filter((p) => p.enforcementLevel === "disabled").map((p) => p.policy);
  if (disabled.length > 0) lines.push(`  disabled by config: ${disabled.join(", ")}`);
  if (report.mandatory === 0 && report.advisory === 0) lines.push("  every enabled policy passed");
  return lines.join("\n");
}
