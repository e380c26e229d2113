import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "@pulumi/aws";

/** RDS for PostgreSQL enforces TLS by default from major version 15 (`rds.force_ssl` defaults to 1). */
const FORCE_SSL_DEFAULT_FROM = 15;

function majorOf(version: string | undefined): number | undefined {
  const match = /^(\d+)/.exec(version ?? "");
  return match ? Number(match[1]) : undefined;
}

/**
 * Database connections are encrypted in transit: PostgreSQL parameter groups never turn
 * `rds.force_ssl` off, groups of families before 15 turn it on, and a PostgreSQL primary older
 * than 15 names such a parameter group (its default group does not force TLS).
 */
export const rdsTlsRequired: ResourceValidationPolicy = {
  name: "rds-tls-required",
  description: "RDS PostgreSQL accepts only TLS connections (rds.force_ssl = 1).",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: [
    validateResourceOfType(aws.rds.ParameterGroup, (group, args, reportViolation) => {
      const family = /^postgres(\d+)$/.exec(group.family ?? "");
      if (!family) return;
      const forceSsl = (group.parameters ?? []).find((p) => p.name === "rds.force_ssl");
      if (forceSsl !== undefined && String(forceSsl.value) !== "1") {
        reportViolation(`${args.name}: rds.force_ssl is "${forceSsl.value}"; set it to "1" so only TLS connections are accepted.`);
      } else if (forceSsl === undefined && Number(family[1]) < FORCE_SSL_DEFAULT_FROM) {
        reportViolation(
          `${args.name} (family ${group.family}): add parameter rds.force_ssl = "1"; before PostgreSQL 15 TLS is optional by default.`,
        );
      }
    }),
    validateResourceOfType(aws.rds.Instance, (db, args, reportViolation) => {
      const major = majorOf(db.engineVersion);
      if (db.engine !== "postgres" || db.replicateSourceDb !== undefined || db.parameterGroupName !== undefined) return;
      if (major === undefined || major < FORCE_SSL_DEFAULT_FROM) {
        reportViolation(
          `${args.name} runs PostgreSQL ${db.engineVersion ?? "(version unset)"} with the default parameter group, which does not force TLS; set parameterGroupName to a group with rds.force_ssl = "1".`,
        );
      }
    }),
  ],
};
