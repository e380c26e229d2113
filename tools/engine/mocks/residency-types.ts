import { CATALOGUE_MOCKS } from "../../catalogue";
import { alnum, arn, hex } from "../ids";
import { ec2Id, physicalName } from "./naming";
import { MockResourceContext, MockSet } from "./types";

/**
 * Mocks for the types the residency pack knows (policies/lib/residency-types.ts) that the program
 * does not declare yet: replication, peering and logging resources through which data can leave a
 * zone, and the children of the awsx VPC the CLI shows. A breach built from them plans offline and
 * is refused by the pack, never by a missing mock. Ids and ARNs follow AWS's formats; where AWS or
 * the provider refuses an input, so does the mock, citing its source.
 */

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const CREATED = "2026-11-24T00:00:00Z";

function fail(ctx: MockResourceContext, message: string): never {
  throw new Error(`${ctx.type} ${ctx.name}: ${message}`);
}

/** A region given as plain text must be a region name (AWS answers InvalidParameterValue otherwise). */
function checkRegion(ctx: MockResourceContext, path: string, value: unknown): string {
  if (typeof value !== "string" || !REGION.test(value))
    fail(ctx, `${path} must be an AWS region name such as "eu-west-1", got ${JSON.stringify(value)}`);
  return value;
}

const byBucket = (ctx: MockResourceContext) => ({ id: String(ctx.inputs.bucket) });

/** The awsx VPC's children, as the real engine registers them under `awsx:ec2:Vpc`. */
const vpcChildren: MockSet["resources"] = {
  "aws:ec2/vpc:Vpc": (ctx) => {
    const id = ec2Id("vpc", ctx.urn);
    return {
      id,
      outputs: {
        arn: arn("ec2", ctx.region, `vpc/${id}`, ctx.account),
        ownerId: ctx.account,
        defaultSecurityGroupId: ec2Id("sg", `${ctx.urn}/default`),
        defaultRouteTableId: ec2Id("rtb", `${ctx.urn}/main`),
        mainRouteTableId: ec2Id("rtb", `${ctx.urn}/main`),
        dhcpOptionsId: ec2Id("dopt", ctx.urn),
      },
    };
  },
  "aws:ec2/subnet:Subnet": (ctx) => {
    const id = ec2Id("subnet", ctx.urn);
    return {
      id,
      outputs: { arn: arn("ec2", ctx.region, `subnet/${id}`, ctx.account), ownerId: ctx.account, availabilityZoneId: `${ctx.region}-az1` },
    };
  },
  "aws:ec2/routeTable:RouteTable": (ctx) => {
    const id = ec2Id("rtb", ctx.urn);
    return { id, outputs: { arn: arn("ec2", ctx.region, `route-table/${id}`, ctx.account), ownerId: ctx.account } };
  },
  "aws:ec2/routeTableAssociation:RouteTableAssociation": (ctx) => ({ id: ec2Id("rtbassoc", ctx.urn) }),
  "aws:ec2/route:Route": (ctx) => ({
    // The provider's id: route table id and destination joined, `r-<rtb>1080289494` style.
    id: `r-${ctx.inputs.routeTableId}${parseInt(hex(String(ctx.inputs.destinationCidrBlock ?? ctx.urn), 8), 16)}`,
    outputs: { origin: "CreateRoute", state: "active" },
  }),
  "aws:ec2/internetGateway:InternetGateway": (ctx) => {
    const id = ec2Id("igw", ctx.urn);
    return { id, outputs: { arn: arn("ec2", ctx.region, `internet-gateway/${id}`, ctx.account), ownerId: ctx.account } };
  },
  "aws:ec2/natGateway:NatGateway": (ctx) => {
    const id = ec2Id("nat", ctx.urn);
    return { id, outputs: { networkInterfaceId: ec2Id("eni", ctx.urn), privateIp: "10.0.0.10", publicIp: "198.51.100.10" } };
  },
  "aws:ec2/eip:Eip": (ctx) => {
    const id = ec2Id("eipalloc", ctx.urn);
    return {
      id,
      outputs: { allocationId: id, arn: arn("ec2", ctx.region, `elastic-ip/${id}`, ctx.account), publicIp: "198.51.100.10", domain: "vpc" },
    };
  },
};

export const residencyTypeMocks: MockSet = {
  resources: {
    ...vpcChildren,
    // Peering: the provider refuses auto-accept across regions (the accepter must act in the peer region).
    // terraform-provider-aws resource_aws_vpc_peering_connection.go: "peer_region cannot be set whilst auto_accept is true".
    "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": (ctx) => {
      if (ctx.inputs.peerRegion !== undefined) {
        checkRegion(ctx, "peerRegion", ctx.inputs.peerRegion);
        if (ctx.inputs.autoAccept === true)
          fail(ctx, "peer_region cannot be set whilst auto_accept is true when creating a vpc peering connection");
      }
      const id = ec2Id("pcx", ctx.urn);
      return {
        id,
        outputs: {
          acceptStatus: ctx.inputs.peerRegion ? "pending-acceptance" : "active",
          peerOwnerId: ctx.inputs.peerOwnerId ?? ctx.account,
          peerRegion: ctx.inputs.peerRegion ?? ctx.region,
        },
      };
    },
    "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter": (ctx) => ({
      id: String(ctx.inputs.vpcPeeringConnectionId),
      outputs: {
        acceptStatus: "active",
        peerOwnerId: ctx.account,
        peerRegion: ctx.region,
        peerVpcId: ec2Id("vpc", `${ctx.urn}/peer`),
        vpcId: ec2Id("vpc", ctx.urn),
      },
    }),
    "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup": (ctx) => {
      // AWS prefixes the suffix with a fixed per-account-and-region code (e.g. "ldgnf-").
      const id = `${alnum(`${ctx.account}/${ctx.region}`, 5, false)}-${ctx.inputs.globalReplicationGroupIdSuffix}`;
      return {
        id,
        outputs: {
          globalReplicationGroupId: id,
          arn: arn("elasticache", "", `globalreplicationgroup:${id}`, ctx.account),
          clusterEnabled: false,
        },
      };
    },
    // Global tables (version 2019.11.21): replicas in other regions, streams with new and old images.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-globaltable-streamspecification.html
    "aws:dynamodb/table:Table": (ctx) => {
      const name = physicalName(ctx);
      const replicas: { regionName?: unknown }[] = ctx.inputs.replicas ?? [];
      replicas.forEach((r, i) => {
        const region = checkRegion(ctx, `replicas[${i}].regionName`, r.regionName);
        if (region === ctx.region) fail(ctx, `replicas[${i}].regionName ${region} is the table's own region (ValidationException)`);
      });
      if (replicas.length > 0 && (ctx.inputs.streamEnabled !== true || ctx.inputs.streamViewType !== "NEW_AND_OLD_IMAGES")) {
        fail(ctx, 'replicas need streamEnabled: true and streamViewType: "NEW_AND_OLD_IMAGES"');
      }
      const tableArn = arn("dynamodb", ctx.region, `table/${name}`, ctx.account);
      const stream = ctx.inputs.streamEnabled
        ? { streamArn: `${tableArn}/stream/${CREATED.replace(/Z$/, ".000")}`, streamLabel: CREATED.replace(/Z$/, ".000") }
        : {};
      return {
        id: name,
        outputs: {
          name,
          arn: tableArn,
          ...stream,
          replicas: replicas.map((r) => ({ ...r, arn: arn("dynamodb", String(r.regionName), `table/${name}`, ctx.account) })),
        },
      };
    },
    "aws:dynamodb/tableReplica:TableReplica": (ctx) => {
      const table = String(ctx.inputs.globalTableArn ?? "");
      const tableRegion = table.split(":")[3];
      if (tableRegion === ctx.region) fail(ctx, `globalTableArn ${table} is in ${ctx.region}, the replica's own region`);
      const name = table.split(":table/")[1] ?? ctx.name;
      return { id: `${name}:${tableRegion}`, outputs: { arn: arn("dynamodb", ctx.region, `table/${name}`, ctx.account) } };
    },
    "aws:ecr/repository:Repository": (ctx) => {
      const name = physicalName(ctx);
      return {
        id: name,
        outputs: {
          name,
          arn: arn("ecr", ctx.region, `repository/${name}`, ctx.account),
          registryId: ctx.account,
          repositoryUrl: `${ctx.account}.dkr.ecr.${ctx.region}.amazonaws.com/${name}`,
        },
      };
    },
    // ECR registry replication: destinations are a region (plain text) and a registry (account id).
    // https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ReplicationDestination.html
    "aws:ecr/replicationConfiguration:ReplicationConfiguration": (ctx) => {
      const rules: { destinations?: { region?: unknown; registryId?: unknown }[] }[] = ctx.inputs.replicationConfiguration?.rules ?? [];
      if (rules.length > 10) fail(ctx, "at most 10 replication rules");
      rules.forEach((rule, i) =>
        (rule.destinations ?? []).forEach((d, j) => {
          const region = checkRegion(ctx, `replicationConfiguration.rules[${i}].destinations[${j}].region`, d.region);
          if (region === ctx.region && String(d.registryId) === ctx.account)
            fail(ctx, `rules[${i}].destinations[${j}] replicates the registry into itself`);
        }),
      );
      return { id: ctx.account, outputs: { registryId: ctx.account } };
    },
    "aws:kinesis/stream:Stream": (ctx) => {
      const name = physicalName(ctx);
      return {
        id: arn("kinesis", ctx.region, `stream/${name}`, ctx.account),
        outputs: { name, arn: arn("kinesis", ctx.region, `stream/${name}`, ctx.account) },
      };
    },
    // A replica key copies a multi-Region primary into another region of the partition.
    // https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html (ReplicaRegion must differ from the primary's)
    "aws:kms/replicaKey:ReplicaKey": (ctx) => {
      const primary = String(ctx.inputs.primaryKeyArn ?? "");
      const [, , service, primaryRegion, , resource] = primary.split(":");
      if (service !== "kms" || !resource?.startsWith("key/"))
        fail(ctx, `primaryKeyArn must be a KMS key ARN, got ${JSON.stringify(primary)}`);
      if (primaryRegion === ctx.region) fail(ctx, `the replica must be in another region than its primary (${primaryRegion})`);
      const keyId = resource.slice("key/".length);
      return {
        id: keyId,
        outputs: {
          keyId,
          arn: arn("kms", ctx.region, `key/${keyId}`, ctx.account),
          keyRotationEnabled: false,
          keySpec: "SYMMETRIC_DEFAULT",
          keyUsage: "ENCRYPT_DECRYPT",
        },
      };
    },
    // The deprecated v6 bucket type, still in aws v7: the same resource and outputs as aws:s3/bucket:Bucket.
    "aws:s3/bucketV2:BucketV2": (ctx) => CATALOGUE_MOCKS.resources["aws:s3/bucket:Bucket"](ctx),
    // S3 replication needs a role and at least one rule; each rule names a destination bucket ARN.
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketReplication.html
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": (ctx) => {
      const rules: { destination?: { bucket?: unknown } }[] = ctx.inputs.rules ?? [];
      if (rules.length === 0) fail(ctx, "rules must hold at least one rule");
      rules.forEach((r, i) => {
        const bucket = r.destination?.bucket;
        if (typeof bucket !== "string" || !bucket.startsWith("arn:aws:s3:::"))
          fail(ctx, `rules[${i}].destination.bucket must be a bucket ARN, got ${JSON.stringify(bucket)}`);
      });
      return byBucket(ctx);
    },
    "aws:s3/bucketLogging:BucketLogging": byBucket,
    "aws:s3/bucketLoggingV2:BucketLoggingV2": byBucket,
    // Real-time logs go to a Kinesis data stream, the only endpoint type.
    // https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_EndPoint.html
    "aws:cloudfront/realtimeLogConfig:RealtimeLogConfig": (ctx) => {
      const endpoint = ctx.inputs.endpoint ?? {};
      if (endpoint.streamType !== "Kinesis") fail(ctx, `endpoint.streamType must be "Kinesis", got ${JSON.stringify(endpoint.streamType)}`);
      const rate = Number(ctx.inputs.samplingRate);
      if (!Number.isInteger(rate) || rate < 1 || rate > 100)
        fail(ctx, `samplingRate must be an integer from 1 to 100, got ${ctx.inputs.samplingRate}`);
      const name = physicalName(ctx);
      return {
        id: `arn:aws:cloudfront::${ctx.account}:realtime-log-config/${name}`,
        outputs: { name, arn: `arn:aws:cloudfront::${ctx.account}:realtime-log-config/${name}` },
      };
    },
  },
};
