import { replicaKeyProblem } from "../../components/database/postgres-settings";
import { Plan } from "../engine/model";
import { reveal } from "../engine/values";

export interface ReplicaFinding {
  readonly resource: string;
  readonly problem: string;
}

const RDS_INSTANCE = "aws:rds/instance:Instance";
const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

function replicas(plan: Plan) {
  return plan.resources
    .filter((r) => r.type === RDS_INSTANCE)
    .map((r) => ({ resource: r, inputs: reveal(r.inputs) as Record<string, any>, outputs: reveal(r.outputs) as Record<string, any> }))
    .filter((r) => typeof r.inputs.replicateSourceDb === "string" && r.inputs.replicateSourceDb !== "");
}

/** Read replicas whose KmsKeyId RDS would refuse (same region) or lacks (cross region). */
export function replicaKeyFindings(plan: Plan): ReplicaFinding[] {
  return replicas(plan).flatMap(({ resource, inputs }) => {
    const problem = replicaKeyProblem(resource.region ?? "", inputs.replicateSourceDb, inputs.kmsKeyId);
    return problem === undefined ? [] : [{ resource: resource.urn, problem }];
  });
}

/**
 * Cross-region replicas (a source named by an ARN of another region) without a ReplicaLag alarm
 * on their own identifier in their own region that notifies someone: the recovery point
 * objective rests on them.
 */
export function unwatchedCrossRegionReplicas(plan: Plan): ReplicaFinding[] {
  const alarms = plan.resources
    .filter((r) => r.type === METRIC_ALARM)
    .map((r) => ({ alarm: r, inputs: reveal(r.inputs) as Record<string, any> }));
  return replicas(plan)
    .filter(
      ({ resource, inputs }) => inputs.replicateSourceDb.startsWith("arn:") && inputs.replicateSourceDb.split(":")[3] !== resource.region,
    )
    .flatMap(({ resource, outputs }) => {
      const watched = alarms.some(
        ({ alarm, inputs }) =>
          alarm.region === resource.region &&
          inputs.namespace === "AWS/RDS" &&
          inputs.metricName === "ReplicaLag" &&
          inputs.dimensions?.DBInstanceIdentifier === outputs.identifier &&
          (inputs.alarmActions ?? []).length > 0,
      );
      return watched ? [] : [{ resource: resource.urn, problem: "cross-region replica without a ReplicaLag alarm that notifies" }];
    });
}
