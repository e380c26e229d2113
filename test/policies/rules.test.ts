import { strict as assert } from "node:assert";
import { POLICIES } from "../../policies/rules";
import { Plan } from "../../tools/engine/model";
import { committedPlan } from "../helpers/plan";
import { RESIDENCY_BREACHES } from "./breaches";
import { Env, add, edit, named, replace, typed, violations, without } from "./helpers";

const RDS = "aws:rds/instance:Instance";
const PROVIDER = "pulumi:providers:aws";
const isPrimary = (region: string) => (r: { type: string; region?: string; name: string }) =>
  r.type === RDS && r.region === region && r.name.endsWith("-database-primary");
const isDrReplica = (region: string) => (r: { type: string; region?: string; name: string }) =>
  r.type === RDS && r.region === region && r.name.includes("-database-dr-");
const arnOf = (plan: Plan, match: (r: any) => boolean) => String(plan.resources.find(match)?.outputs.arn);

interface Case {
  readonly policy: string;
  readonly what: string;
  readonly env: Env;
  readonly change: (plan: Plan) => Plan;
  readonly expect: RegExp;
  readonly level?: "mandatory" | "advisory";
}

/** One field changed per case, on the committed plans; each message says what to change. */
const CASES: Case[] = [
  // Residency.
  {
    policy: "region-in-residency-zone",
    what: "a region placed in the wrong zone (provider tagged with another zone)",
    env: "prod",
    change: (p) =>
      edit(p, named("aws-us-west-2"), (i) => {
        const tags = JSON.parse(i.defaultTags);
        tags.tags["residency-zone"] = "eu";
        i.defaultTags = JSON.stringify(tags);
      }),
    expect:
      /provider aws-us-west-2 serves us-west-2 but is tagged residency-zone="eu", which holds only eu-west-1, .*; put us-west-2 in the zone that lists it/,
  },
  {
    policy: "region-in-residency-zone",
    what: "a resource whose own region leaves its provider's zone",
    env: "prod",
    change: (p) => edit(p, isPrimary("us-east-1"), (i) => (i.region = "eu-west-1")),
    expect: /us-east-1-database-primary is managed in eu-west-1, outside its residency zone "us"/,
  },
  {
    policy: "region-in-residency-zone",
    what: "a regional resource created through the global-services provider",
    env: "prod",
    change: (p) => {
      const edge = p.resources.find((r) => r.type === PROVIDER && r.name === "aws-edge-us-east-1")!;
      return replace(p, typed("aws:sqs/queue:Queue", "us-east-1"), () => ({ provider: edge.urn }));
    },
    expect: /is created through the global-services provider \(residency-zone="global"\) but aws:sqs\/queue:Queue is not a global service/,
  },
  {
    policy: "references-in-residency-zone",
    what: "a DR replica sourced from another zone",
    env: "prod",
    change: (p) => edit(p, isDrReplica("us-west-2"), (i) => (i.replicateSourceDb = arnOf(p, isPrimary("eu-west-1")))),
    expect:
      /replicateSourceDb references arn:aws:rds:eu-west-1:\S+ in eu-west-1 \(zone eu\), outside us-west-2-database-dr-us-east-1-instance's residency zone "us"/,
  },
  {
    policy: "kms-key-in-resource-region",
    what: "a replica encrypted with its source region's key",
    env: "prod",
    change: (p) => edit(p, isDrReplica("us-west-2"), (i) => (i.kmsKeyId = p.resources.find(isPrimary("us-east-1"))!.inputs.kmsKeyId)),
    expect:
      /kmsKeyId uses KMS key arn:aws:kms:us-east-1:\S+ from us-east-1, but us-west-2-database-dr-us-east-1-instance is in us-west-2; use a key created in us-west-2/,
  },
  {
    policy: "s3-replication-in-zone",
    what: "S3 replication into a bucket of another zone",
    env: "prod",
    change: (p) => {
      const target = p.resources.find((r) => r.type === "aws:s3/bucket:Bucket" && r.region === "eu-west-1")!;
      return add(p, {
        type: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
        name: "logs-replication",
        region: "us-east-1",
        inputs: {
          bucket: "src",
          role: "arn:aws:iam::111122223333:role/r",
          rules: [{ status: "Enabled", destination: { bucket: target.outputs.arn } }],
        },
      });
    },
    expect:
      /logs-replication rules\[0\]\.destination\.bucket replicates from us-east-1 \(zone us\) to eu-west-1-origin-alb-logs-bucket in eu-west-1 \(zone eu\)/,
  },
  {
    policy: "cache-global-datastore-in-zone",
    what: "a global datastore secondary in another zone",
    env: "prod",
    change: (p) => {
      const withGlobal = add(p, {
        type: "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
        name: "cache-global",
        region: "us-east-1",
        inputs: { globalReplicationGroupIdSuffix: "app", primaryReplicationGroupId: "us-east-1-cache-rg" },
        outputs: { globalReplicationGroupId: "ldgnf-app" },
      });
      return edit(
        withGlobal,
        typed("aws:elasticache/replicationGroup:ReplicationGroup", "eu-west-1"),
        (i) => (i.globalReplicationGroupId = "ldgnf-app"),
      );
    },
    expect:
      /eu-west-1-cache-rg in eu-west-1 \(zone eu\) is a secondary of global datastore cache-global whose primary is in us-east-1 \(zone us\)/,
  },
  {
    policy: "cdn-origin-groups-in-one-zone",
    what: "an origin group failing over across zones",
    env: "prod",
    change: (p) =>
      edit(p, typed("aws:cloudfront/distribution:Distribution"), (i) => {
        i.originGroups[0].members = [{ originId: "region-us-east-1" }, { originId: "region-eu-west-1" }];
      }),
    expect: /origin group \S+ of edge-distribution mixes zones: region-us-east-1 in us-east-1 \(us\), region-eu-west-1 in eu-west-1 \(eu\)/,
  },
  {
    policy: "log-buckets-in-zone",
    what: "a load balancer logging into another zone's bucket",
    env: "prod",
    change: (p) => {
      const euBucket = p.resources.find((r) => r.type === "aws:s3/bucket:Bucket" && r.region === "eu-west-1")!;
      return edit(p, typed("aws:lb/loadBalancer:LoadBalancer", "us-east-1"), (i) => (i.accessLogs.bucket = euBucket.outputs.bucket));
    },
    expect:
      /us-east-1-origin-alb in us-east-1 \(zone us\) logs to eu-west-1-origin-alb-logs-bucket in eu-west-1 \(zone eu\); use a log bucket in zone us/,
  },
  // Security.
  {
    policy: "rds-encrypted",
    what: "an unencrypted primary",
    env: "dev",
    change: (p) => edit(p, isPrimary("us-east-1"), (i) => (i.storageEncrypted = false)),
    expect: /us-east-1-database-primary: set storageEncrypted: true \(it is false\)/,
  },
  {
    policy: "rds-encrypted",
    what: "a cross-region replica without a key of its region",
    env: "prod",
    change: (p) => edit(p, isDrReplica("eu-west-1"), (i) => delete i.kmsKeyId),
    expect: /eu-west-1-database-dr-eu-central-1-instance is a cross-region replica of .*: set kmsKeyId/,
  },
  {
    policy: "rds-tls-required",
    what: "a parameter group that turns TLS off",
    env: "dev",
    change: (p) =>
      edit(p, typed("aws:rds/parameterGroup:ParameterGroup", "eu-west-1"), (i) => {
        i.parameters.find((x: any) => x.name === "rds.force_ssl").value = "0";
      }),
    expect: /eu-west-1-database-params: rds.force_ssl is "0"; set it to "1"/,
  },
  {
    policy: "cache-encrypted",
    what: "a cache without TLS",
    env: "dev",
    change: (p) =>
      edit(p, typed("aws:elasticache/replicationGroup:ReplicationGroup", "us-east-1"), (i) => (i.transitEncryptionEnabled = false)),
    expect: /us-east-1-cache-rg: set transitEncryptionEnabled: true/,
  },
  {
    policy: "sqs-encrypted",
    what: "a queue without server-side encryption",
    env: "dev",
    change: (p) =>
      edit(p, typed("aws:sqs/queue:Queue", "us-east-1"), (i) => {
        delete i.sqsManagedSseEnabled;
        delete i.kmsMasterKeyId;
      }),
    expect: /: set sqsManagedSseEnabled: true or kmsMasterKeyId \(neither is set\)/,
  },
  {
    policy: "sqs-tls-only",
    what: "a queue whose policy admits plain HTTP",
    env: "dev",
    change: (p) =>
      edit(p, typed("aws:sqs/queuePolicy:QueuePolicy", "eu-west-1"), (i) => {
        const doc = JSON.parse(i.policy);
        doc.Statement = doc.Statement.filter((s: any) => s.Effect !== "Deny");
        i.policy = JSON.stringify(doc);
      }),
    expect: /: attach a queue policy with a Deny statement for Condition Bool aws:SecureTransport = "false"/,
  },
  {
    policy: "ebs-encrypted",
    what: "a launch template with an unencrypted root volume",
    env: "prod",
    change: (p) =>
      edit(p, typed("aws:ec2/launchTemplate:LaunchTemplate", "us-east-1"), (i) => (i.blockDeviceMappings[0].ebs.encrypted = "false")),
    expect: /us-east-1-cluster-system-lt: set blockDeviceMappings\[0\]\.ebs\.encrypted: "true"/,
  },
  {
    policy: "eks-secrets-encrypted",
    what: "a cluster without secrets encryption",
    env: "dev",
    change: (p) => edit(p, typed("aws:eks/cluster:Cluster", "us-east-1"), (i) => delete i.encryptionConfig),
    expect: /us-east-1-cluster-eks: set encryptionConfig \{ resources: \["secrets"\], provider: \{ keyArn \} \}/,
  },
  {
    policy: "eks-endpoint-restricted",
    what: "a public API endpoint open to the internet",
    env: "prod",
    change: (p) =>
      edit(p, typed("aws:eks/cluster:Cluster", "eu-west-1"), (i) => {
        i.vpcConfig.endpointPublicAccess = true;
        i.vpcConfig.publicAccessCidrs = ["0.0.0.0/0"];
      }),
    expect:
      /eu-west-1-cluster-eks: the public API endpoint is open to the internet: publicAccessCidrs \(0\.0\.0\.0\/0\) cover 100% of the public IPv4 .* In the stack file: platform:regions\[\]\.cluster\.publicAccessCidrs of eu-west-1 \(or platform:regionDefaults\.cluster\.publicAccessCidrs for every region\)\./,
  },
  {
    policy: "no-public-datastores",
    what: "a publicly accessible database",
    env: "dev",
    change: (p) => edit(p, isPrimary("eu-west-1"), (i) => (i.publiclyAccessible = true)),
    expect: /eu-west-1-database-primary: set publiclyAccessible: false/,
  },
  {
    policy: "no-open-ingress",
    what: "a security group rule open to 0.0.0.0/0",
    env: "dev",
    change: (p) => edit(p, named("us-east-1-workload-from-self"), (i) => (i.cidrIpv4 = "0.0.0.0/0")),
    expect:
      /security group us-east-1-workload-sg admits 100% of the public IPv4 and 0% of the public IPv6 internet on every protocol and port, more than the 0\.1% allowed, through us-east-1-workload-from-self cidrIpv4\/cidrIpv6 \(0\.0\.0\.0\/0\); admit a security group or prefix list instead/,
  },
  {
    policy: "imdsv2-required",
    what: "a launch template that allows IMDSv1",
    env: "dev",
    change: (p) => edit(p, typed("aws:ec2/launchTemplate:LaunchTemplate", "eu-west-1"), (i) => (i.metadataOptions.httpTokens = "optional")),
    expect: /eu-west-1-cluster-system-lt: set metadataOptions.httpTokens: "required" \(it is optional\)/,
  },
  {
    policy: "cloudfront-https-only",
    what: "a cache behavior that serves HTTP",
    env: "prod",
    change: (p) =>
      edit(p, typed("aws:cloudfront/distribution:Distribution"), (i) => (i.defaultCacheBehavior.viewerProtocolPolicy = "allow-all")),
    expect: /edge-distribution defaultCacheBehavior: set viewerProtocolPolicy to "redirect-to-https" or "https-only" \(it is "allow-all"\)/,
  },
  {
    policy: "cloudfront-https-only",
    what: "a certificate with an old TLS floor",
    env: "prod",
    change: (p) =>
      edit(p, typed("aws:cloudfront/distribution:Distribution"), (i) => (i.viewerCertificate.minimumProtocolVersion = "TLSv1.1_2016")),
    expect: /edge-distribution: set viewerCertificate.minimumProtocolVersion to TLSv1.2_2021 or newer \(it is TLSv1.1_2016\)/,
  },
  // Resilience.
  {
    policy: "backup-retention",
    what: "prod backups kept for fewer days than configured",
    env: "prod",
    change: (p) => edit(p, isPrimary("eu-central-1"), (i) => (i.backupRetentionPeriod = 3)),
    expect:
      /eu-central-1-database-primary: set backupRetentionPeriod to at least 7 days \(it is 3\)\. In the stack file: platform:regions\[\]\.database\.backupRetentionDays of eu-central-1 /,
  },
  {
    policy: "multi-az",
    what: "a single-AZ prod primary",
    env: "prod",
    change: (p) => edit(p, isPrimary("us-west-2"), (i) => (i.multiAz = false)),
    expect: /us-west-2-database-primary: set multiAz: true\. In the stack file: platform:regions\[\]\.database\.multiAz of us-west-2 /,
  },
  {
    policy: "deletion-protection",
    what: "a prod primary without deletion protection",
    env: "prod",
    change: (p) => edit(p, isPrimary("us-east-1"), (i) => (i.deletionProtection = false)),
    expect:
      /us-east-1-database-primary: set deletionProtection: true\. In the stack file: platform:regions\[\]\.database\.deletionProtection of us-east-1 /,
  },
  {
    policy: "deletion-protection",
    what: "a prod primary without Pulumi's protect option",
    env: "prod",
    change: (p) => replace(p, isPrimary("eu-west-1"), (r) => ({ options: { ...r.options, protect: false } })),
    expect: /eu-west-1-database-primary: set the resource option protect: true/,
  },
  {
    policy: "autoscaling-bounds",
    what: "a prod node group with no room to scale out",
    env: "prod",
    change: (p) => edit(p, typed("aws:eks/nodeGroup:NodeGroup", "us-east-1"), (i) => (i.scalingConfig.maxSize = i.scalingConfig.minSize)),
    expect:
      /us-east-1-cluster-system-ng: raise the maximum above the minimum \(both 3\) so it can scale out\. In the stack file: platform:regions\[\]\.cluster\.systemNodeGroup of us-east-1 /,
  },
  {
    policy: "autoscaling-bounds",
    what: "desired above max",
    env: "dev",
    change: (p) =>
      edit(p, typed("aws:eks/nodeGroup:NodeGroup", "us-east-1"), (i) => (i.scalingConfig.desiredSize = i.scalingConfig.maxSize + 1)),
    expect: /us-east-1-cluster-system-ng: scalingConfig.desired \d+ is above the maximum \d+; lower it to at most \d+/,
  },
  // Governance.
  {
    policy: "required-tags",
    what: "a provider that drops a required tag",
    env: "dev",
    change: (p) =>
      edit(p, named("aws-eu-west-1"), (i) => {
        const tags = JSON.parse(i.defaultTags);
        delete tags.tags["cost-center"];
        i.defaultTags = JSON.stringify(tags);
      }),
    expect:
      /eu-west-1-\S+ lacks tag\(s\) cost-center; add them to the provider's defaultTags \(or the resource's tags\)\. In the stack file: platform:tags\./,
  },
  {
    policy: "required-tags",
    what: "a resource whose own tag overrides its provider's residency zone",
    env: "prod",
    change: (p) => edit(p, isPrimary("eu-west-1"), (i) => (i.tags = { ...i.tags, "residency-zone": "us" })),
    expect:
      /eu-west-1-database-primary sets its own tag residency-zone="us" over its provider's "eu"; the policies trust the provider's residency-zone, so a resource may not change it/,
  },
  {
    policy: "allowed-instance-families",
    what: "a node group of an unlisted family",
    env: "dev",
    change: (p) => edit(p, typed("aws:eks/nodeGroup:NodeGroup", "eu-west-1"), (i) => (i.instanceTypes = ["x2iedn.xlarge"])),
    expect:
      /instanceTypes\[0\] is x2iedn.xlarge \(family x2iedn\); use one of the ec2 families .* In the stack file: platform:regions\[\]\.cluster\.systemNodeGroup\.instanceTypes of eu-west-1 /,
    level: "advisory",
  },
  // Whole stack.
  {
    policy: "region-has-all-tiers",
    what: "a region without queues",
    env: "dev",
    change: (p) => without(p, typed("aws:sqs/queue:Queue", "eu-west-1")),
    expect: /region eu-west-1 has no queues tier: add one of aws:sqs\/queue:Queue under it/,
  },
  {
    policy: "dr-replica-per-zone",
    what: "a prod primary whose DR replica is gone",
    env: "prod",
    change: (p) => without(p, isDrReplica("eu-central-1")),
    expect:
      /eu-west-1-database-primary in eu-west-1 has no DR replica in another region of zone "eu"; add a cross-region replica in eu-central-1\. In the stack file: platform:regions\[\]\.database\.drReplica\.region of eu-west-1\.$/,
  },
  {
    policy: "no-overlapping-cidrs",
    what: "two regions with overlapping VPCs",
    env: "dev",
    change: (p) => edit(p, typed("awsx:ec2:Vpc", "eu-west-1"), (i) => (i.cidrBlock = "10.128.128.0/17")),
    expect:
      /eu-west-1-network-vpc \(10\.128\.128\.0\/17\) overlaps us-east-1-network-vpc \(10\.128\.0\.0\/16\); give each region a disjoint block\. In the stack file: platform:regions\[\]\.cidr/,
  },
];

describe("policies: each passes on both committed stacks", () => {
  for (const env of ["dev", "prod"] as const) {
    for (const policy of POLICIES) {
      it(`${policy.name} has no mandatory violation on ${env}`, async () => {
        const found = await violations(policy.name, await committedPlan(env), env);
        assert.deepEqual(
          found.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.urn}: ${v.message}`),
          [],
        );
      });
    }
  }
});

describe("policies: each fails on a minimal violating change", () => {
  for (const c of CASES) {
    it(`${c.policy} reports ${c.what} (${c.env})`, async () => {
      const found = await violations(c.policy, c.change(await committedPlan(c.env)), c.env);
      const match = found.find((v) => c.expect.test(v.message));
      assert.ok(match, `no violation matching ${c.expect}; got:\n${found.map((v) => v.message).join("\n") || "(none)"}`);
      assert.equal(match.enforcementLevel, c.level ?? "mandatory");
      assert.equal(match.policy, c.policy);
    });
  }

  it("covers every policy with at least one violating case (here or in breaches.ts)", () => {
    const covered = new Set([...CASES, ...RESIDENCY_BREACHES].map((c) => c.policy));
    assert.deepEqual(
      POLICIES.map((p) => p.name).filter((n) => !covered.has(n)),
      [],
    );
  });
});
