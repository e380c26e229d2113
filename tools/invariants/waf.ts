import { BODY_SIZE_LABEL, BODY_SIZE_RULE, pathPrefixOf } from "../../components/edge/waf";
import { Plan } from "../engine/model";
import { reveal } from "../engine/values";

const WRITES = ["POST", "PUT", "PATCH"];

export interface WafFinding {
  readonly resource: string;
  readonly problem: string;
}

/**
 * Web ACLs that would block API writes: the core rule set's SizeRestrictions_BODY blocks every body
 * over 8 KB (AWS WAF Developer Guide, "Baseline rule groups"), so on a distribution whose
 * behaviours accept POST/PUT/PATCH the rule must only count, and any rule re-blocking on its label
 * must leave those paths out.
 */
export function wafWriteBodyFindings(plan: Plan): WafFinding[] {
  const findings: WafFinding[] = [];
  const acls = plan.resources.filter((r) => r.type === "aws:wafv2/webAcl:WebAcl");
  for (const distribution of plan.resources.filter((r) => r.type === "aws:cloudfront/distribution:Distribution")) {
    const inputs = reveal(distribution.inputs) as Record<string, any>;
    const acl = acls.find((a) => (reveal(a.outputs) as Record<string, any>).arn === inputs.webAclId);
    if (acl === undefined) continue;
    const behaviours = [...(inputs.orderedCacheBehaviors ?? []), { ...inputs.defaultCacheBehavior, pathPattern: "/" }];
    const writePaths = behaviours
      .filter((b: any) => (b.allowedMethods ?? []).some((m: string) => WRITES.includes(m)))
      .map((b: any) => pathPrefixOf(b.pathPattern));
    if (writePaths.length === 0) continue;
    const rules = ((reveal(acl.inputs) as Record<string, any>).rules ?? []) as any[];
    const crs = rules.find((r) => r.statement?.managedRuleGroupStatement?.name === "AWSManagedRulesCommonRuleSet");
    if (crs === undefined) continue;
    const overrides = (crs.statement.managedRuleGroupStatement.ruleActionOverrides ?? []) as any[];
    if (!overrides.some((o) => o.name === BODY_SIZE_RULE && o.actionToUse?.count !== undefined)) {
      findings.push({
        resource: acl.urn,
        problem: `${BODY_SIZE_RULE} blocks bodies over 8 KB on ${writePaths.join(", ")}, which accept ${WRITES.join("/")}: override it to count`,
      });
    }
    for (const rule of rules.filter((r) => JSON.stringify(r.statement ?? {}).includes(BODY_SIZE_LABEL) && r.action?.block !== undefined)) {
      const exempt = JSON.stringify(rule.statement).match(/"regexString":"((?:[^"\\]|\\.)*)"/);
      const pattern = exempt === null ? undefined : new RegExp(JSON.parse(`"${exempt[1]}"`) as string);
      for (const path of writePaths) {
        if (pattern === undefined || !pattern.test(path)) {
          findings.push({ resource: acl.urn, problem: `rule ${rule.name} blocks oversized bodies on ${path}, which accepts writes` });
        }
      }
    }
  }
  return findings;
}
