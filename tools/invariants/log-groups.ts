import { rdsLogGroupName } from "../../components/database/postgres-settings";
import { Plan, PlannedResource } from "../engine/model";
import { reveal } from "../engine/values";

/**
 * Log groups AWS services create on their own when the group does not exist yet, always without a
 * retention ("Never expire"): the plan must declare each one, with a retention, before the
 * resource that makes the service write to it. One entry per resource type, with its source.
 */
const SERVICE_LOG_GROUPS: Readonly<Record<string, (inputs: Record<string, any>) => string[]>> = {
  // RDS User Guide, "Publishing database logs to Amazon CloudWatch Logs": /aws/rds/instance/<id>/<log type>.
  "aws:rds/instance:Instance": (inputs) =>
    typeof inputs.identifier === "string"
      ? ((inputs.enabledCloudwatchLogsExports ?? []) as string[]).map((type) => rdsLogGroupName(inputs.identifier, type))
      : ((inputs.enabledCloudwatchLogsExports ?? []) as string[]).map((type) => rdsLogGroupName("<auto-named>", type)),
  // EKS User Guide, "Send control plane logs to CloudWatch Logs": /aws/eks/<cluster>/cluster.
  "aws:eks/cluster:Cluster": (inputs) => ((inputs.enabledClusterLogTypes ?? []).length > 0 ? [`/aws/eks/${inputs.name}/cluster`] : []),
  // CloudWatch User Guide, Container Insights on EKS: /aws/containerinsights/<cluster>/{application,dataplane,host,performance}.
  "aws:eks/addon:Addon": (inputs) =>
    inputs.addonName === "amazon-cloudwatch-observability"
      ? ["application", "dataplane", "host", "performance"].map((group) => `/aws/containerinsights/${inputs.clusterName}/${group}`)
      : [],
};

export interface LogGroupFinding {
  readonly resource: string;
  readonly logGroup: string;
  readonly problem: string;
}

function nameOf(group: PlannedResource): string | undefined {
  const inputs = reveal(group.inputs) as Record<string, any>;
  const outputs = reveal(group.outputs) as Record<string, any>;
  return typeof inputs.name === "string" ? inputs.name : outputs.name;
}

/**
 * Every log group a service of the plan will create, checked: declared in the same region, with a
 * retention, and a dependency of the resource that makes the service write to it (so it exists
 * first; a group the service created first would make our declaration fail with "already exists").
 */
export function serviceLogGroupFindings(plan: Plan): LogGroupFinding[] {
  const groups = plan.resources.filter((r) => r.type === "aws:cloudwatch/logGroup:LogGroup");
  const findings: LogGroupFinding[] = [];
  for (const resource of plan.resources) {
    const expected = SERVICE_LOG_GROUPS[resource.type]?.(reveal(resource.inputs) as Record<string, any>) ?? [];
    for (const logGroup of expected) {
      const declared = groups.find((g) => g.region === resource.region && nameOf(g) === logGroup);
      const report = (problem: string) => findings.push({ resource: resource.urn, logGroup, problem });
      if (declared === undefined) {
        report(`${resource.type} makes AWS create ${logGroup} in ${resource.region} with no retention; declare it first`);
        continue;
      }
      const retention = (reveal(declared.inputs) as Record<string, any>).retentionInDays;
      if (typeof retention !== "number" || retention <= 0) report(`${logGroup} is declared without retentionInDays`);
      if (!resource.dependencies.includes(declared.urn)) {
        report(`${logGroup} is not a dependency of ${resource.name}: the service could create it first`);
      }
    }
  }
  return findings;
}
