import * as aws from "@pulumi/aws";

/** A trust policy letting one AWS service assume a role, scoped to this account (confused deputy). */
export function serviceTrustPolicy(service: string, accountId?: string): string {
  const statement: aws.iam.PolicyStatement = {
    Effect: "Allow",
    Principal: { Service: service },
    Action: "sts:AssumeRole",
    ...(accountId ? { Condition: { StringEquals: { "aws:SourceAccount": accountId } } } : {}),
  };
  return JSON.stringify({ Version: "2012-10-17", Statement: [statement] } satisfies aws.iam.PolicyDocument);
}
