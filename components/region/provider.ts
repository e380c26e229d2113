import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformConfig } from "../config";

/** Tags every resource of a region carries, through the provider's default tags. */
export function standardTags(platform: PlatformConfig, region: string, zone: string): Record<string, string> {
  return {
    ...platform.tags,
    environment: platform.environment,
    region,
    "residency-zone": zone,
    stack: platform.stack,
    "managed-by": "pulumi",
  };
}

/**
 * The one AWS provider of a region. Every regional resource reaches AWS through it (never the
 * ambient `aws:region`), so a resource's region is always the region it was declared for.
 */
export function regionalProvider(
  platform: PlatformConfig,
  region: string,
  zone: string,
  opts?: pulumi.CustomResourceOptions,
): aws.Provider {
  return new aws.Provider(
    `aws-${region}`,
    {
      region: region as aws.Region,
      defaultTags: { tags: standardTags(platform, region, zone) },
    },
    opts,
  );
}
