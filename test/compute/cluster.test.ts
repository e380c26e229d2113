import * as assert from "node:assert/strict";
import { resolvePlatformConfig } from "../../components/config/stack-config";
import { Plan, PlannedResource } from "../../tools/engine/model";
import { Secret } from "../../tools/engine/values";
import { committedConfig, committedPlan, inputsOf, ofType, outputsOf, single } from "../helpers/plan";

const NODE_POLICIES = [
  "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
  "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
  "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
];

/** The prod stack's resolved regions, for the configured values the plan must carry. */
function prodRegions() {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(committedConfig("prod"))) values[key.replace(/^platform:/, "")] = value;
  return resolvePlatformConfig({ stack: "prod", values }).regions;
}

/** Resources of a type under one region's component tree (Kubernetes objects have no AWS region). */
function inRegion(plan: Plan, type: string, region: string): PlannedResource[] {
  return ofType(plan, type).filter((r) => r.name.startsWith(`${region}-`));
}

function byName(plan: Plan, name: string, type?: string): PlannedResource {
  const found = plan.resources.filter((r) => r.name === name && (type === undefined || r.type === type));
  assert.equal(found.length, 1, `one resource named ${name}`);
  return found[0];
}

describe("compute: one wired EKS cluster per prod region", () => {
  let plan: Plan;
  const regions = prodRegions();
  before(async () => {
    plan = await committedPlan("prod");
  });

  it("covers every prod region", () => {
    assert.deepEqual(
      ofType(plan, "aws:eks/cluster:Cluster")
        .map((c) => c.region)
        .sort(),
      regions.map((r) => r.region).sort(),
    );
  });

  for (const { region, cluster: settings } of prodRegions()) {
    describe(region, () => {
      const clusterOf = () => single(plan, "aws:eks/cluster:Cluster", region);

      it("runs the control plane in the private subnets, its public endpoint open to the deployer only, every log type and encrypted secrets", () => {
        const cluster = clusterOf();
        const inputs = inputsOf(cluster);
        const vpc = single(plan, "awsx:ec2:Vpc", region);
        assert.deepEqual(inputs.vpcConfig.subnetIds, outputsOf(vpc).privateSubnetIds);
        assert.equal(inputs.vpcConfig.endpointPrivateAccess, true);
        // platform:deployer runs `pulumi up` from outside the VPC: its CIDRs and nothing else.
        assert.equal(inputs.vpcConfig.endpointPublicAccess, true);
        assert.deepEqual(inputs.vpcConfig.publicAccessCidrs, ["203.0.113.0/24"]);
        assert.equal(inputs.version, settings.version);
        assert.deepEqual(inputs.enabledClusterLogTypes, ["api", "audit", "authenticator", "controllerManager", "scheduler"]);
        assert.equal(inputs.accessConfig.authenticationMode, "API");
        assert.equal(inputs.deletionProtection, true);
        const key = inRegion(plan, "aws:kms/key:Key", region).find((k) => k.name === `${region}-cluster-secrets`);
        assert.ok(key, "secrets key");
        assert.deepEqual(inputs.encryptionConfig, { provider: { keyArn: outputsOf(key).arn }, resources: ["secrets"] });
        assert.equal(key.options.protect, true);
        assert.equal(inputsOf(key).enableKeyRotation, true);
        const logs = byName(plan, `${region}-cluster-logs`);
        assert.equal(inputsOf(logs).name, `/aws/eks/${inputs.name}/cluster`);
        assert.ok(cluster.dependencies.includes(logs.urn), "log group exists before the cluster");
      });

      it("returns AWS-shaped endpoint, CA and OIDC issuer for the region", () => {
        const out = outputsOf(clusterOf());
        assert.match(out.endpoint, new RegExp(`^https://[0-9A-F]{32}\\.(gr7|yl4|sk1)\\.${region}\\.eks\\.amazonaws\\.com$`));
        assert.match(Buffer.from(out.certificateAuthority.data, "base64").toString(), /^-----BEGIN CERTIFICATE-----\n/);
        assert.match(out.identities[0].oidcs[0].issuer, new RegExp(`^https://oidc\\.eks\\.${region}\\.amazonaws\\.com/id/[0-9A-F]{32}$`));
        assert.match(out.arn, new RegExp(`^arn:aws:eks:${region}:\\d{12}:cluster/`));
      });

      it("installs the six managed add-ons at the configured versions", () => {
        const addons = inRegion(plan, "aws:eks/addon:Addon", region).map(inputsOf);
        const versions = Object.fromEntries(addons.map((a) => [a.addonName, a.addonVersion]));
        assert.deepEqual(versions, {
          "vpc-cni": settings.addons.vpcCni,
          "kube-proxy": settings.addons.kubeProxy,
          "eks-pod-identity-agent": settings.addons.podIdentityAgent,
          coredns: settings.addons.coredns,
          "aws-ebs-csi-driver": settings.addons.ebsCsiDriver,
          "amazon-cloudwatch-observability": settings.addons.cloudwatchObservability,
        });
        const ebs = addons.find((a) => a.addonName === "aws-ebs-csi-driver");
        assert.equal(ebs?.podIdentityAssociations?.[0]?.serviceAccount, "ebs-csi-controller-sa");
      });

      it("has a system node group with the configured bounds, whose desired size belongs to the autoscaler", () => {
        const ng = single(plan, "aws:eks/nodeGroup:NodeGroup", region);
        const { minSize, desiredSize, maxSize, instanceTypes } = settings.systemNodeGroup;
        assert.deepEqual(inputsOf(ng).scalingConfig, { minSize, desiredSize, maxSize });
        assert.deepEqual(inputsOf(ng).instanceTypes, instanceTypes);
        assert.deepEqual(inputsOf(ng).subnetIds, outputsOf(single(plan, "awsx:ec2:Vpc", region)).privateSubnetIds);
        assert.deepEqual(ng.options.ignoreChanges, ["scalingConfig.desiredSize"]);
        assert.match(outputsOf(ng).arn, new RegExp(`^arn:aws:eks:${region}:\\d{12}:nodegroup/${inputsOf(clusterOf()).name}/`));
      });

      it("requires IMDSv2 and encrypted volumes, and puts the cluster and workload SGs on every node", () => {
        const lt = single(plan, "aws:ec2/launchTemplate:LaunchTemplate", region);
        const ng = single(plan, "aws:eks/nodeGroup:NodeGroup", region);
        assert.equal(inputsOf(ng).launchTemplate.id, lt.id);
        assert.match(String(lt.id), /^lt-[0-9a-f]{17}$/);
        const lti = inputsOf(lt);
        assert.equal(lti.metadataOptions.httpTokens, "required");
        assert.ok([1, 2].includes(lti.metadataOptions.httpPutResponseHopLimit));
        assert.ok(lti.blockDeviceMappings.length > 0);
        for (const m of lti.blockDeviceMappings) assert.equal(m.ebs.encrypted, "true");
        const clusterSg = outputsOf(clusterOf()).vpcConfig.clusterSecurityGroupId;
        const workloadSg = byName(plan, `${region}-workload-sg`).id;
        assert.deepEqual(lti.vpcSecurityGroupIds, [clusterSg, workloadSg]);

        const nodeClass = inRegion(plan, "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", region);
        assert.equal(nodeClass.length, 1);
        const spec = inputsOf(nodeClass[0]).spec;
        assert.deepEqual(spec.securityGroupSelectorTerms, [{ id: clusterSg }, { id: workloadSg }]);
        assert.equal(spec.metadataOptions.httpTokens, "required");
        for (const m of spec.blockDeviceMappings) assert.equal(m.ebs.encrypted, true);
      });

      it("gives node roles only the managed policies nodes need", () => {
        for (const role of [`${region}-cluster-system-node`, `${region}-cluster-karpenter-node`]) {
          const attached = ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
            .filter((a) => a.name.startsWith(`${role}-`))
            .map((a) => inputsOf(a).policyArn)
            .sort();
          assert.deepEqual(attached, [...NODE_POLICIES].sort(), role);
          assert.equal(ofType(plan, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.name.startsWith(role)).length, 0);
        }
      });

      it("installs Karpenter with its interruption queue, four EventBridge rules, NodePool and EC2NodeClass", () => {
        const release = byName(plan, `${region}-cluster-karpenter-release`);
        assert.equal(inputsOf(release).version, settings.karpenter.version);
        assert.equal(outputsOf(release).status.status, "deployed");
        const queue = inRegion(plan, "aws:sqs/queue:Queue", region).filter((q) => q.name.includes("karpenter"));
        assert.equal(queue.length, 1);
        const queueArn = outputsOf(queue[0]).arn;
        assert.match(queueArn, new RegExp(`^arn:aws:sqs:${region}:`));
        assert.equal(inputsOf(release).values.settings.interruptionQueue, outputsOf(queue[0]).name);

        const rules = inRegion(plan, "aws:cloudwatch/eventRule:EventRule", region).filter((r) => r.name.includes("karpenter"));
        const detailTypes = rules.map((r) => JSON.parse(inputsOf(r).eventPattern)["detail-type"][0]).sort();
        assert.deepEqual(detailTypes, [
          "AWS Health Event",
          "EC2 Instance Rebalance Recommendation",
          "EC2 Instance State-change Notification",
          "EC2 Spot Instance Interruption Warning",
        ]);
        const targets = inRegion(plan, "aws:cloudwatch/eventTarget:EventTarget", region).filter((t) => t.name.includes("karpenter"));
        assert.equal(targets.length, 4);
        assert.deepEqual(new Set(targets.map((t) => inputsOf(t).arn)), new Set([queueArn]));
        assert.deepEqual(new Set(targets.map((t) => inputsOf(t).rule)), new Set(rules.map((r) => outputsOf(r).name)));
        const queuePolicy = JSON.parse(
          inputsOf(inRegion(plan, "aws:sqs/queuePolicy:QueuePolicy", region).find((p) => p.name.includes("karpenter"))!).policy,
        );
        assert.deepEqual(queuePolicy.Statement[0].Principal.Service, ["events.amazonaws.com", "sqs.amazonaws.com"]);

        const pool = inRegion(plan, "kubernetes:karpenter.sh/v1:NodePool", region);
        assert.equal(pool.length, 1);
        const poolSpec = inputsOf(pool[0]).spec;
        assert.deepEqual(poolSpec.limits, { cpu: String(settings.karpenter.cpuLimit), memory: `${settings.karpenter.memoryLimitGiB}Gi` });
        const requirement = (key: string) => poolSpec.template.spec.requirements.find((r: { key: string }) => r.key === key)?.values;
        assert.deepEqual(requirement("karpenter.k8s.aws/instance-category"), settings.karpenter.instanceCategories);
        assert.deepEqual(requirement("karpenter.sh/capacity-type"), settings.karpenter.capacityTypes);
        assert.ok(pool[0].dependencies.includes(release.urn), "NodePool waits for the chart's CRDs");
      });

      it("runs the Karpenter controller under Pod Identity with a policy scoped to this cluster and region", () => {
        const association = inRegion(plan, "aws:eks/podIdentityAssociation:PodIdentityAssociation", region)
          .map(inputsOf)
          .find((a) => a.serviceAccount === "karpenter");
        assert.equal(association?.namespace, "kube-system");
        const policy = JSON.parse(inputsOf(byName(plan, `${region}-cluster-karpenter-controller`, "aws:iam/rolePolicy:RolePolicy")).policy);
        const text = JSON.stringify(policy);
        for (const other of regions.filter((r) => r.region !== region)) assert.ok(!text.includes(other.region), other.region);
        const passRole = policy.Statement.find((s: { Action: string }) => s.Action === "iam:PassRole");
        assert.match(passRole.Resource, /karpenter-node/);
      });

      it("installs metrics-server so HPAs work", () => {
        const release = byName(plan, `${region}-cluster-metrics-server-release`);
        assert.equal(inputsOf(release).chart, "metrics-server");
        assert.equal(inputsOf(release).version, settings.metricsServer.version);
        assert.equal(outputsOf(release).status.status, "deployed");
      });

      it("sends every Kubernetes object through this cluster's explicit provider", () => {
        const provider = byName(plan, `${region}-cluster-k8s`);
        const objects = plan.resources.filter((r) => r.type.startsWith("kubernetes:") && r.name.startsWith(`${region}-cluster-`));
        assert.ok(objects.length >= 6);
        for (const o of objects) assert.equal(o.provider, provider.urn, o.name);
      });

      it("binds the workload role to the configured service account", () => {
        const workloadRole = byName(plan, `${region}-workload-role`);
        const association = inRegion(plan, "aws:eks/podIdentityAssociation:PodIdentityAssociation", region)
          .map(inputsOf)
          .find((a) => a.roleArn === outputsOf(workloadRole).arn);
        assert.deepEqual({ namespace: association?.namespace, serviceAccount: association?.serviceAccount }, settings.workload);
      });

      it("lets the workload use only this region's queues and read only this region's DB and cache secrets", () => {
        const policy = JSON.parse(inputsOf(byName(plan, `${region}-workload-access-policy`)).policy);
        const resources = (sid: string) => policy.Statement.find((s: { Sid: string }) => s.Sid === sid).Resource as string[];
        const queueArns = inRegion(plan, "aws:sqs/queue:Queue", region)
          .filter((q) => !q.name.includes("karpenter"))
          .map((q) => outputsOf(q).arn);
        assert.ok(queueArns.length > 0);
        assert.deepEqual([...resources("RegionalQueues"), ...resources("RegionalDeadLetterQueues")].sort(), [...queueArns].sort());
        // Dead-letter queues are drained, never written to, as their queue policies say.
        const dlqStatement = policy.Statement.find((s: { Sid: string }) => s.Sid === "RegionalDeadLetterQueues");
        assert.ok(!dlqStatement.Action.includes("sqs:SendMessage"));
        assert.ok(
          dlqStatement.Resource.every((arn: string) => arn.endsWith("-dlq") || arn.endsWith("-dlq.fifo")),
          "DLQ statement names only DLQs",
        );
        const primary = ofType(plan, "aws:rds/instance:Instance").filter(
          (db) => db.region === region && inputsOf(db).manageMasterUserPassword,
        );
        assert.equal(primary.length, 1, "one primary database");
        const dbSecret: string = outputsOf(primary[0]).masterUserSecrets[0].secretArn;
        const cacheSecrets = inRegion(plan, "aws:secretsmanager/secret:Secret", region)
          .filter((s) => s.name.startsWith(`${region}-cache`))
          .map((s) => outputsOf(s).arn as string);
        assert.equal(cacheSecrets.length, 1, "one cache auth token secret");
        assert.deepEqual([...resources("RegionalDataSecrets")].sort(), [dbSecret, ...cacheSecrets].sort());
        assert.deepEqual(
          policy.Statement.map((s: { Action: string[] }) => s.Action)
            .flat()
            .filter((a: string) => a.startsWith("secretsmanager:")),
          ["secretsmanager:GetSecretValue"],
        );
        for (const s of policy.Statement) for (const arn of s.Resource) assert.ok(arn.includes(`:${region}:`), `${arn} is in ${region}`);
      });

      it("admits only the workload security group to the database and the cache", () => {
        const workloadSg = byName(plan, `${region}-workload-sg`).id;
        for (const tier of ["database", "cache"]) {
          const sg = inRegion(plan, "aws:ec2/securityGroup:SecurityGroup", region).filter((g) => g.name.startsWith(`${region}-${tier}`));
          assert.equal(sg.length, 1, tier);
          const ingress = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
            (rule) => inputsOf(rule).securityGroupId === sg[0].id,
          );
          assert.ok(ingress.length > 0, tier);
          for (const rule of ingress) {
            assert.equal(inputsOf(rule).referencedSecurityGroupId, workloadSg, tier);
            assert.equal(inputsOf(rule).cidrIpv4, undefined, tier);
          }
        }
      });

      it("exports the kubeconfig as a secret that authenticates with aws eks get-token", () => {
        const exported = (plan.outputs.regions as Record<string, Record<string, unknown>>)[region];
        assert.ok(exported.kubeconfig instanceof Secret, "kubeconfig is secret");
        const config = JSON.parse(String(exported.kubeconfig.value));
        assert.deepEqual(config.users[0].user.exec.args, [
          "eks",
          "get-token",
          "--cluster-name",
          inputsOf(clusterOf()).name,
          "--region",
          region,
          "--output",
          "json",
        ]);
        assert.equal(config.clusters[0].cluster.server, outputsOf(clusterOf()).endpoint);
      });
    });
  }
});
