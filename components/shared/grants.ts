import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * What a capability lets a principal do with it, as IAM statements (aws-cdk-lib's `grant*`
 * pattern): `queues.grantUse()`, `database.grantReadMasterSecret()`. The capability knows its
 * ARNs and the actions its clients need; the grantee (see WorkloadAccess) attaches the statements
 * to its role, so no other module spells a capability's actions.
 */
export type Grant = pulumi.Output<Statement[]>;

/** An IAM policy statement with plain values (what a Grant resolves to). */
export type Statement = pulumi.Unwrap<aws.iam.PolicyStatement>;

/** Read-only access to Secrets Manager secrets (their KMS key admits the reader in its key policy). */
export function readSecretsStatement(secretArns: readonly string[]): Statement {
  return { Sid: "RegionalDataSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [...secretArns] };
}

/**
 * Statements that differ only in their resources become one statement over all of them, in
 * first-seen order (aws-cdk-lib minimises policies the same way): two capabilities granting
 * `secretsmanager:GetSecretValue` make one statement, and a policy stays under IAM's size limit.
 */
export function mergeStatements(statements: readonly Statement[]): Statement[] {
  const merged = new Map<string, Statement>();
  for (const statement of statements) {
    const { Resource, ...rest } = statement;
    const key = JSON.stringify(rest);
    const resources = Resource === undefined ? [] : Array.isArray(Resource) ? Resource : [Resource];
    const seen = merged.get(key);
    if (seen === undefined) merged.set(key, { ...statement, ...(Resource === undefined ? {} : { Resource: [...resources] }) });
    else {
      const known = [seen.Resource ?? []].flat();
      seen.Resource = [...known, ...resources.filter((r) => !known.includes(r))];
    }
  }
  return [...merged.values()];
}
