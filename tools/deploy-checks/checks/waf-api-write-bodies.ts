import { wafWriteBodyFindings } from "../../invariants/waf";
import { DeployCheck } from "../types";

const NAME = "waf-api-write-bodies";

/**
 * The core rule set's SizeRestrictions_BODY blocks bodies over 8 KB (AWS WAF Developer Guide,
 * "Baseline rule groups"): on paths that accept writes it must only count, or the first real API
 * write with a larger body gets a 403.
 */
export const wafApiWriteBodies: DeployCheck = {
  name: NAME,
  description: "no WAF rule blocks request bodies over 8 KB on CloudFront behaviours that accept POST/PUT/PATCH",
  run({ plan }) {
    return wafWriteBodyFindings(plan).map((f) => ({
      check: NAME,
      resource: f.resource,
      atDeploy: `the deploy succeeds, then API writes with bodies over 8 KB get 403 from the web ACL: ${f.problem}`,
      fix: "keep SizeRestrictions_BODY on count and exempt the write paths from any rule blocking on its label (components/edge/waf.ts)",
    }));
  },
};
