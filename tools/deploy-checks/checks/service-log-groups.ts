import { serviceLogGroupFindings } from "../../invariants/log-groups";
import { DeployCheck } from "../types";

const NAME = "service-log-groups";

/**
 * A log group a service creates on first write (RDS exports, EKS control plane, Container Insights)
 * is declared, with a retention, before that service's resource: declared after, the group already
 * exists and the create fails with ResourceAlreadyExistsException; never declared, it never expires.
 */
export const serviceLogGroups: DeployCheck = {
  name: NAME,
  description:
    "every log group an AWS service creates on its own is declared first with a retention (CloudWatch Logs CreateLogGroup: ResourceAlreadyExistsException otherwise)",
  run({ plan }) {
    return serviceLogGroupFindings(plan).map((f) => ({
      check: NAME,
      resource: f.resource,
      atDeploy: f.problem.includes("not a dependency")
        ? `${f.logGroup} may be created by the service first; declaring it then fails with ResourceAlreadyExistsException`
        : `${f.logGroup} is created by the service with no retention and its logs never expire`,
      fix: `${f.problem} (tools/invariants/log-groups.ts lists the groups each type makes AWS create)`,
    }));
  },
};
