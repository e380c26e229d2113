import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformConfig, RegionConfig } from "../config";
import { Network } from "../network/network";
import { WorkloadIdentity } from "../workload/workload-identity";

export interface RegionArgs {
  readonly platform: PlatformConfig;
  readonly region: RegionConfig;
  /** The region's provider; every child reaches AWS through it. */
  readonly provider: aws.Provider;
}

/** Everything the platform runs in one AWS region, wired together. */
export class Region extends pulumi.ComponentResource {
  public readonly regionName: string;
  public readonly zone: string;
  public readonly network: Network;
  public readonly workload: WorkloadIdentity;

  constructor(name: string, args: RegionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:region:Region", name, {}, { ...opts, providers: { ...(opts?.providers as object), aws: args.provider } });
    const { region } = args;
    this.regionName = region.region;
    this.zone = region.zone;

    const caller = aws.getCallerIdentityOutput({}, { parent: this, provider: args.provider });

    this.network = new Network(
      `${name}-network`,
      {
        region: region.region,
        cidr: region.cidr,
        availabilityZones: region.availabilityZones,
        settings: region.network,
        accountId: caller.accountId,
      },
      { parent: this },
    );

    // Created before the cluster and the data tier: both reference it (see WorkloadIdentity).
    this.workload = new WorkloadIdentity(`${name}-workload`, { vpcId: this.network.vpcId, accountId: caller.accountId }, { parent: this });

    // Section: compute (Cluster) - attaches the workload SG to nodes and pods.

    // Section: data tier (Database, Cache, Queues) - admits only the workload SG / role.

    // Section: workload access (the role's policy over this region's queues and secrets).

    // Section: regional origin (ALB in front of the cluster, for the CDN).

    // Section: observability (alarms, dashboard, backups).

    this.registerOutputs({ vpcId: this.network.vpcId });
  }

  /** What the stack exports for this region. */
  public exports(): Record<string, pulumi.Input<unknown>> {
    return {
      zone: this.zone,
      vpcId: this.network.vpcId,
      vpcCidr: this.network.cidrBlock,
    };
  }
}
