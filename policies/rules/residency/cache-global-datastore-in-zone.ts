import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { ZonesConfig, residencyZonesSchema } from "../../lib/config";
import { dependenciesOf, regionOf, zoneOf } from "../../lib/resources";

const GLOBAL = "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup";
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

/**
 * An ElastiCache global datastore replicates its primary group into secondary groups of other
 * regions: every member must be in the primary's zone. The datastore lives in its primary's
 * region; secondaries join it through `globalReplicationGroupId`.
 */
export const cacheGlobalDatastoreInZone: StackValidationPolicy = {
  name: "cache-global-datastore-in-zone",
  description: "ElastiCache global datastores keep every member replication group in the primary's residency zone.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: { properties: { residencyZones: residencyZonesSchema } },
  validateStack: (args, reportViolation) => {
    const { residencyZones } = args.getConfig<ZonesConfig>();
    const datastores = args.resources.filter((r) => r.type === GLOBAL);
    const datastoreOf = (member: PolicyResource) =>
      dependenciesOf(member, "globalReplicationGroupId", [GLOBAL])[0] ??
      datastores.find((d) => d.props.globalReplicationGroupId === member.props.globalReplicationGroupId);
    // Outputs report a group outside any datastore with globalReplicationGroupId "" (not absent).
    const members = args.resources.filter(
      (r) => r.type === GROUP && typeof r.props.globalReplicationGroupId === "string" && r.props.globalReplicationGroupId !== "",
    );
    for (const member of members) {
      const datastore = datastoreOf(member);
      if (datastore === undefined) {
        reportViolation(
          `${member.name} joins global datastore ${member.props.globalReplicationGroupId}, which this stack does not manage, so its residency cannot be verified.`,
          member.urn,
        );
        continue;
      }
      const home = zoneOf(regionOf(datastore), residencyZones);
      const zone = zoneOf(regionOf(member), residencyZones);
      if (zone === undefined || zone !== home) {
        reportViolation(
          `${member.name} in ${regionOf(member)} (zone ${zone ?? "none"}) is a secondary of global datastore ${datastore.name} whose primary is in ${regionOf(datastore)} (zone ${home ?? "none"}); add secondaries only in zone ${home ?? "of the primary"}.`,
          member.urn,
        );
      }
    }
  },
};
