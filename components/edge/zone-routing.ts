import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CdnRegion } from "./cdn";
import { zoneOriginHostname } from "./edge-plan";

export interface ZoneRoutingArgs {
  readonly domain: string;
  readonly hostedZoneId: string;
  readonly regions: readonly CdnRegion[];
  /** The CDN's name and Route 53 zone, for the alias at `domain`. */
  readonly cdn: { readonly domainName: pulumi.Input<string>; readonly hostedZoneId: pulumi.Input<string> };
  /** Route 53 is global; its resources go through the stack's us-east-1 provider. */
  readonly provider: aws.Provider;
}

/**
 * Route 53 routing of the residency zones: per zone, `origin.<zone>.<domain>` with one latency
 * record per region of that zone (and only that zone), each tied to a health check on the
 * region's "no healthy targets" alarm, so a failed region's API traffic, writes included, moves to
 * its sibling in the zone. Plus the CDN's alias at `<domain>`.
 */
export class ZoneRouting extends pulumi.ComponentResource {
  /** Zone -> its API hostname. */
  public readonly zoneHostnames: Readonly<Record<string, string>>;

  constructor(name: string, args: ZoneRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:ZoneRouting", name, {}, opts);
    const global = { parent: this, provider: args.provider };
    const zoneHostnames: Record<string, string> = {};

    for (const { region, zone, origin } of args.regions) {
      const hostname = zoneOriginHostname(zone, args.domain);
      zoneHostnames[zone] = hostname;
      // The health checkers cannot reach the ALBs (only CloudFront can): the check follows a
      // CloudWatch alarm on the target group's healthy host count instead.
      const check = new aws.route53.HealthCheck(
        `${name}-${region}-health`,
        {
          type: "CLOUDWATCH_METRIC",
          cloudwatchAlarmName: origin.healthAlarmName,
          cloudwatchAlarmRegion: region,
          insufficientDataHealthStatus: "LastKnownStatus",
          referenceName: `${zone}-${region}`.slice(0, 64),
          tags: { Name: `${name}-${region}-health` },
        },
        global,
      );
      new aws.route53.Record(
        `${name}-${region}-latency`,
        {
          zoneId: args.hostedZoneId,
          name: hostname,
          type: "A",
          setIdentifier: region,
          latencyRoutingPolicies: [{ region }],
          healthCheckId: check.id,
          aliases: [{ name: origin.loadBalancerDnsName, zoneId: origin.loadBalancerZoneId, evaluateTargetHealth: true }],
        },
        global,
      );
    }

    for (const type of ["A", "AAAA"]) {
      new aws.route53.Record(
        `${name}-cdn-${type.toLowerCase()}`,
        {
          zoneId: args.hostedZoneId,
          name: args.domain,
          type,
          aliases: [{ name: args.cdn.domainName, zoneId: args.cdn.hostedZoneId, evaluateTargetHealth: false }],
        },
        global,
      );
    }

    this.zoneHostnames = zoneHostnames;
    this.registerOutputs({ zoneHostnames });
  }
}
