/**
 * Synthetic plans shaped like the engine's output for the full platform (VPC, EKS, ALB, RDS with
 * read and DR replicas, ElastiCache, SQS with DLQs, CloudFront with origin-group failover, Route 53),
 * so the reports can be tested before, and independently of, every tier being in the program.
 */
import { DEFAULT_OPTIONS, Plan, PlannedResource, ResourceOptions, engineUrn } from "../../tools/engine/model";
import { Secret } from "../../tools/engine/values";

export interface RegionSpec {
  readonly region: string;
  readonly zone: string;
  /** Region whose primary this region keeps a DR replica of. */
  readonly drOf?: string;
}

const STACK = "prod";
const PROJECT = "platform";
const ACCOUNT = "111122223333";
const OPTIONS: ResourceOptions = DEFAULT_OPTIONS;

interface Spec {
  readonly type: string;
  readonly name: string;
  readonly parent?: PlannedResource;
  readonly region?: string;
  readonly custom?: boolean;
  readonly remote?: boolean;
  readonly inputs?: Record<string, unknown>;
  readonly outputs?: Record<string, unknown>;
  /** property -> resources referenced by it */
  readonly refs?: Record<string, readonly PlannedResource[]>;
  readonly protect?: boolean;
}

export function syntheticPlan(regions: readonly RegionSpec[], opts: { edge?: boolean } = {}): Plan {
  const resources: PlannedResource[] = [];
  const add = (spec: Spec): PlannedResource => {
    const parent = spec.parent?.urn;
    const propertyDependencies = Object.fromEntries(Object.entries(spec.refs ?? {}).map(([k, v]) => [k, v.map((r) => r.urn)]));
    const r: PlannedResource = {
      urn:
        parent === undefined && spec.type === "pulumi:pulumi:Stack"
          ? `urn:pulumi:${STACK}::${PROJECT}::${spec.type}::${spec.name}`
          : engineUrn(STACK, PROJECT, parent, spec.type, spec.name),
      type: spec.type,
      name: spec.name,
      custom: spec.custom ?? true,
      remote: spec.remote ?? false,
      parent,
      region: spec.region,
      id: spec.custom === false ? undefined : `${spec.name}-id`,
      inputs: spec.inputs ?? {},
      outputs: spec.outputs ?? {},
      dependencies: [...new Set(Object.values(propertyDependencies).flat())],
      propertyDependencies,
      options: { ...OPTIONS, protect: spec.protect ?? false },
    };
    resources.push(r);
    return r;
  };
  const stack = add({ type: "pulumi:pulumi:Stack", name: `${PROJECT}-${STACK}`, custom: false });
  const albs = new Map<string, PlannedResource>();
  const primaries = new Map<string, PlannedResource>();
  const arn = (service: string, region: string, rest: string) => `arn:aws:${service}:${region}:${ACCOUNT}:${rest}`;

  for (const { region, zone } of regions) {
    add({
      type: "pulumi:providers:aws",
      name: `aws-${region}`,
      parent: stack,
      region,
      inputs: { region, defaultTags: JSON.stringify({ tags: { "residency-zone": zone, region } }) },
    });
    const comp = add({ type: "platform:region:Region", name: region, parent: stack, region, custom: false });
    const vpc = add({
      type: "awsx:ec2:Vpc",
      name: `${region}-network-vpc`,
      parent: comp,
      region,
      remote: true,
      custom: false,
      inputs: { cidrBlock: "10.0.0.0/16" },
      outputs: { vpcId: "vpc-1" },
    });
    const role = add({
      type: "aws:iam/role:Role",
      name: `${region}-cluster-role`,
      parent: comp,
      region,
      inputs: { assumeRolePolicy: "{}" },
    });
    const cluster = add({
      type: "aws:eks/cluster:Cluster",
      name: `${region}-cluster`,
      parent: comp,
      region,
      inputs: { name: `${region}-cluster`, roleArn: "arn" },
      refs: { roleArn: [role], vpcConfig: [vpc] },
    });
    add({ type: "aws:eks/nodeGroup:NodeGroup", name: `${region}-nodes`, parent: comp, region, refs: { clusterName: [cluster] } });
    albs.set(
      region,
      add({
        type: "aws:lb/loadBalancer:LoadBalancer",
        name: `${region}-alb`,
        parent: comp,
        region,
        refs: { subnets: [vpc] },
        outputs: { dnsName: `${region}-alb.${region}.elb.amazonaws.com` },
      }),
    );
    const key = add({ type: "aws:kms/key:Key", name: `${region}-db-key`, parent: comp, region, inputs: { description: "db" } });
    const primary = add({
      type: "aws:rds/instance:Instance",
      name: `${region}-db`,
      parent: comp,
      region,
      protect: true,
      inputs: {
        identifier: `${region}-db`,
        engine: "postgres",
        instanceClass: "db.r6g.xlarge",
        storageEncrypted: true,
        password: new Secret("hunter2"),
      },
      outputs: { arn: arn("rds", region, `db:${region}-db`) },
      refs: { kmsKeyId: [key], dbSubnetGroupName: [vpc] },
    });
    primaries.set(region, primary);
    for (const i of [1, 2]) {
      add({
        type: "aws:rds/instance:Instance",
        name: `${region}-db-replica-${i}`,
        parent: comp,
        region,
        inputs: { replicateSourceDb: `${region}-db`, instanceClass: "db.r6g.xlarge" },
        refs: { replicateSourceDb: [primary] },
      });
    }
    add({
      type: "aws:elasticache/replicationGroup:ReplicationGroup",
      name: `${region}-cache`,
      parent: comp,
      region,
      protect: true,
      inputs: { engine: "valkey", replicationGroupId: `${region}-cache` },
      refs: { subnetGroupName: [vpc] },
    });
    for (const q of ["orders", "order-events"]) {
      const dlq = add({
        type: "aws:sqs/queue:Queue",
        name: `${region}-${q}-dlq`,
        parent: comp,
        region,
        inputs: { name: `${q}-dlq` },
        outputs: { arn: arn("sqs", region, `${q}-dlq`) },
      });
      add({
        type: "aws:sqs/queue:Queue",
        name: `${region}-${q}`,
        parent: comp,
        region,
        inputs: { name: q, redrivePolicy: JSON.stringify({ deadLetterTargetArn: arn("sqs", region, `${q}-dlq`), maxReceiveCount: 3 }) },
        refs: { redrivePolicy: [dlq] },
      });
    }
  }
  for (const { region, drOf } of regions) {
    const source = drOf === undefined ? undefined : primaries.get(drOf);
    if (!source) continue;
    const comp = resources.find((r) => r.type === "platform:region:Region" && r.name === region)!;
    add({
      type: "aws:rds/instance:Instance",
      name: `${region}-db-dr`,
      parent: comp,
      region,
      inputs: { replicateSourceDb: source.outputs.arn, instanceClass: "db.r6g.xlarge" },
      refs: { replicateSourceDb: [source] },
    });
  }
  if (opts.edge !== false && regions.length > 0) {
    const edge = add({ type: "platform:edge:Edge", name: "edge", parent: stack, custom: false });
    const waf = add({
      type: "aws:wafv2/webAcl:WebAcl",
      name: "edge-waf",
      parent: edge,
      region: "us-east-1",
      inputs: { scope: "CLOUDFRONT" },
      outputs: { arn: "arn:waf" },
    });
    const origins = regions.map(({ region }) => ({ originId: region, domainName: albs.get(region)!.outputs.dnsName }));
    const originGroups = [];
    for (let i = 0; i + 1 < regions.length; i += 2) {
      originGroups.push({ originId: `group-${i}`, members: [{ originId: regions[i].region }, { originId: regions[i + 1].region }] });
    }
    const cdn = add({
      type: "aws:cloudfront/distribution:Distribution",
      name: "edge-cdn",
      parent: edge,
      region: "us-east-1",
      inputs: { origins, originGroups, webAclId: "arn:waf" },
      refs: { origins: [...albs.values()], webAclId: [waf] },
    });
    const zone = add({ type: "aws:route53/zone:Zone", name: "edge-zone", parent: edge, region: "us-east-1" });
    add({
      type: "aws:route53/record:Record",
      name: "edge-record",
      parent: edge,
      region: "us-east-1",
      refs: { zoneId: [zone], aliases: [cdn] },
    });
  }
  return {
    project: PROJECT,
    stack: STACK,
    stackFile: `Pulumi.${STACK}.yaml`,
    config: {},
    secretKeys: [],
    resources,
    outputs: {},
    limitations: [],
  };
}

/** The committed prod topology: two zones of two regions, DR replicas inside each zone. */
export const PROD_REGIONS: readonly RegionSpec[] = [
  { region: "us-east-1", zone: "us", drOf: "us-west-2" },
  { region: "us-west-2", zone: "us", drOf: "us-east-1" },
  { region: "eu-west-1", zone: "eu", drOf: "eu-central-1" },
  { region: "eu-central-1", zone: "eu", drOf: "eu-west-1" },
];

/** A copy of a plan with one resource changed (inputs merged, or anything else). */
export function withResource(plan: Plan, name: string, change: (r: PlannedResource) => PlannedResource | undefined): Plan {
  const found = plan.resources.filter((r) => r.name === name);
  if (found.length !== 1) throw new Error(`expected one resource named ${name}, found ${found.length}`);
  const resources = plan.resources.flatMap((r) => {
    if (r !== found[0]) return [r];
    const next = change(r);
    return next ? [next] : [];
  });
  return { ...plan, resources };
}
