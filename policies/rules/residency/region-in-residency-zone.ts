import type { ResourceValidationPolicy } from "@pulumi/policy";
import {
  GlobalTypesConfig,
  ZonesConfig,
  globalProviderTypesSchema,
  globalTypesSchema,
  globalZoneSchema,
  isExemptGlobal,
  residencyZonesSchema,
} from "../../lib/config";
import { ZONE_TAG, declaredZoneOf, isAwsResource, providerDefaultTags, regionOf } from "../../lib/resources";

interface Config extends ZonesConfig, GlobalTypesConfig {
  readonly globalZone: string;
  readonly globalProviderTypes: readonly string[];
}

/**
 * Every AWS provider tagged with a residency zone serves a region of that zone, and every
 * regional AWS resource is managed in a region of the zone its provider declares (a resource's
 * own `region` input overrides its provider's, so it is checked too). Global services are exempt
 * by type name (config `globalTypes`); a provider tagged `globalZone` serves only those (and
 * `globalProviderTypes`, such as CloudFront's us-east-1 certificate).
 */
export const regionInResidencyZone: ResourceValidationPolicy = {
  name: "region-in-residency-zone",
  description: "Each region belongs to its residency zone, and each regional resource is managed inside its zone.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: {
    properties: {
      residencyZones: residencyZonesSchema,
      globalTypes: globalTypesSchema,
      globalZone: globalZoneSchema,
      globalProviderTypes: globalProviderTypesSchema,
    },
  },
  validateResource: (args, reportViolation) => {
    const { residencyZones, globalTypes, globalZone, globalProviderTypes } = args.getConfig<Config>();
    if (args.type === "pulumi:providers:aws") {
      // A provider's own inputs hold the default tags its resources get.
      const zone = providerDefaultTags(args)[ZONE_TAG];
      const region = args.props.region as string | undefined;
      if (zone === undefined || zone === globalZone) return;
      const regions = residencyZones[zone];
      if (regions === undefined) {
        reportViolation(
          `provider ${args.name} is tagged ${ZONE_TAG}="${zone}", which is not a residency zone; use one of ${Object.keys(residencyZones).join(", ")}.`,
        );
      } else if (region === undefined || !regions.includes(region)) {
        reportViolation(
          `provider ${args.name} serves ${region ?? "no explicit region"} but is tagged ${ZONE_TAG}="${zone}", which holds only ${regions.join(", ")}; put ${region ?? "the region"} in the zone that lists it.`,
        );
      }
      return;
    }
    if (!isAwsResource(args.type) || isExemptGlobal(args.type, args.props, globalTypes)) return;
    const region = regionOf(args);
    const zone = declaredZoneOf(args);
    if (region === undefined) {
      reportViolation(`${args.name} has no known region; create it through its region's provider (which sets region and ${ZONE_TAG}).`);
    } else if (zone === undefined) {
      reportViolation(
        `${args.name} in ${region} has no residency zone; create it through a regional provider whose defaultTags carry ${ZONE_TAG}, or list its type in globalTypes if it is a global service.`,
      );
    } else if (zone === globalZone) {
      if (!globalProviderTypes.includes(args.type)) {
        reportViolation(
          `${args.name} is created through the global-services provider (${ZONE_TAG}="${globalZone}") but ${args.type} is not a global service; create it through the provider of the region whose data it holds.`,
        );
      }
    } else if (!(residencyZones[zone] ?? []).includes(region)) {
      reportViolation(
        `${args.name} is managed in ${region}, outside its residency zone "${zone}" (${(residencyZones[zone] ?? []).join(", ") || "unknown zone"}); remove the region override or create it through a provider of that zone.`,
      );
    }
  },
};
