/** KEDA in the committed plans: the release, the operator's role, the scaled objects, their order, alarms and dashboard. */
import { strict as assert } from "node:assert";
import { KEDA } from "../../components/cluster/keda-release";
import { kedaOperatorPolicy } from "../../components/cluster/keda";
import { queueAttributesStatement } from "../../components/queues/sqs-documents";
import { queueScalingDefaults } from "../../components/config/tiers/queue-scaling";
import { scaledObjectSpec } from "../../components/queues/scaling-plan";
import { creationGraph } from "../../tools/deploy-checks/creation-order";
import { buildDiagram } from "../../tools/report/diagram";
import { Plan, PlannedResource } from "../../tools/engine/model";
import { committedPlan, inputsOf, ofType, outputsOf } from "../helpers/plan";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const SCALED_OBJECT = "kubernetes:keda.sh/v1alpha1:ScaledObject";
const TRIGGER_AUTH = "kubernetes:keda.sh/v1alpha1:TriggerAuthentication";
const QUEUE = "aws:sqs/queue:Queue";

const kedaReleases = (plan: Plan) => ofType(plan, RELEASE).filter((r) => inputsOf(r).chart === "keda");
const inRegion = (list: PlannedResource[], region: string) => list.filter((r) => r.region === region);
const byName = (plan: Plan, name: string, type?: string) =>
  plan.resources.find((r) => r.name === name && (type === undefined || r.type === type))!;

describe("queue scaling: the committed plans", () => {
  for (const stack of ["dev", "prod"] as const) {
    describe(stack, () => {
      it("installs KEDA 2.20.2 in every region, on the system nodes, after them and the Pod Identity association", async () => {
        const plan = await committedPlan(stack);
        const regions = [...new Set(ofType(plan, "aws:eks/cluster:Cluster").map((c) => c.region))];
        assert.equal(kedaReleases(plan).length, regions.length);
        const order = creationGraph(plan);
        for (const release of kedaReleases(plan)) {
          const inputs = inputsOf(release);
          assert.deepEqual([inputs.version, inputs.namespace, inputs.createNamespace], [KEDA.version, "keda", true]);
          assert.deepEqual(inputs.values.tolerations, [{ key: "CriticalAddonsOnly", operator: "Exists" }]);
          assert.equal(inputs.values.operator.replicaCount, stack === "prod" ? 2 : 1);
          const association = byName(plan, `${release.region}-keda-operator`, "aws:eks/podIdentityAssociation:PodIdentityAssociation");
          assert.deepEqual([inputsOf(association).namespace, inputsOf(association).serviceAccount], ["keda", "keda-operator"]);
          assert.ok(order.precedes(association.urn, release.urn));
          assert.ok(order.precedes(byName(plan, `${release.region}-cluster-system-ng`).urn, release.urn));
        }
      });

      it("lets the operator read only the attributes of its region's scaled main queues (no DLQ, no interruption queue)", async () => {
        const plan = await committedPlan(stack);
        for (const release of kedaReleases(plan)) {
          const region = release.region!;
          const role = ofType(plan, "aws:iam/role:Role").find((r) => r.name === `${region}-keda-operator`)!;
          const trust = JSON.parse(inputsOf(role).assumeRolePolicy);
          assert.deepEqual(trust.Statement[0].Condition.StringEquals["aws:RequestTag/kubernetes-namespace"], "keda");
          assert.deepEqual(trust.Statement[0].Condition.StringEquals["aws:RequestTag/kubernetes-service-account"], "keda-operator");
          const policy = JSON.parse(
            inputsOf(ofType(plan, "aws:iam/rolePolicy:RolePolicy").find((r) => r.name === `${region}-keda-operator`)!).policy,
          );
          const orders = inRegion(ofType(plan, QUEUE), region).find((q) => q.name === `${region}-queues-orders`)!;
          assert.deepEqual(policy.Statement, [
            { Sid: "ReadQueueDepth", Effect: "Allow", Action: "sqs:GetQueueAttributes", Resource: [outputsOf(orders).arn] },
          ]);
        }
      });

      it("scales each scaled queue's consumer from its main queue in the workload namespace, after the CRDs and the namespace; never from a DLQ", async () => {
        const plan = await committedPlan(stack);
        const order = creationGraph(plan);
        const dlqUrls = new Set(
          ofType(plan, QUEUE)
            .filter((q) => q.name.endsWith("-dlq"))
            .map((q) => outputsOf(q).url),
        );
        for (const scaled of ofType(plan, SCALED_OBJECT)) {
          const region = scaled.region!;
          const inputs = inputsOf(scaled);
          const trigger = inputs.spec.triggers[0];
          const main = byName(plan, `${region}-queues-orders`);
          assert.equal(trigger.metadata.queueURL, outputsOf(main).url);
          assert.ok(!dlqUrls.has(trigger.metadata.queueURL));
          assert.equal(trigger.metadata.awsRegion, region);
          assert.deepEqual([inputs.metadata.namespace, inputs.spec.scaleTargetRef.name], ["app", "orders-worker"]);
          assert.equal(inputs.spec.minReplicaCount, stack === "dev" ? 0 : 2);
          const auth = inRegion(ofType(plan, TRIGGER_AUTH), region)[0];
          assert.equal(trigger.authenticationRef.name, inputsOf(auth).metadata.name);
          assert.deepEqual(inputsOf(auth).spec, { podIdentity: { provider: "aws", identityOwner: "keda" } });
          for (const object of [scaled, auth]) {
            assert.ok(order.precedes(inRegion(kedaReleases(plan), region)[0].urn, object.urn), "after the release that installs the CRDs");
            assert.ok(order.precedes(byName(plan, `${region}-cluster-workload-ns`).urn, object.urn), "after the namespace");
          }
        }
        assert.equal(ofType(plan, SCALED_OBJECT).length, kedaReleases(plan).length);
      });

      it("pages the region's topic when scaled out yet the backlog ages, and graphs the backlog beside the queue's age", async () => {
        const plan = await committedPlan(stack);
        for (const composite of ofType(plan, "aws:cloudwatch/compositeAlarm:CompositeAlarm").filter((a) =>
          /scaled-out-ageing$/.test(a.name),
        )) {
          const region = composite.region!;
          const inputs = inputsOf(composite);
          const topic = ofType(plan, "aws:sns/topic:Topic").find((t) => t.region === region && /alerts/.test(t.name))!;
          assert.deepEqual(inputs.alarmActions, [outputsOf(topic).arn]);
          assert.match(inputs.alarmRule, /^ALARM\(".*-queue-orders-at-max-replicas"\) AND ALARM\(".*-queue-orders-scaled-age"\)$/);
          const atMax = byName(plan, `${region}-observability-queue-orders-at-max-replicas`);
          // (maxReplicas - 1) x messagesPerReplica: dev 5 replicas x 10, prod 20 x 10.
          assert.equal(inputsOf(atMax).threshold, stack === "dev" ? 40 : 190);
          assert.deepEqual(inputsOf(atMax).alarmActions, [], "only the composite pages");
          const dashboard = JSON.parse(
            inputsOf(ofType(plan, "aws:cloudwatch/dashboard:Dashboard").find((d) => d.region === region)!).dashboardBody,
          );
          const titles: string[] = dashboard.widgets.map((w: any) => w.properties.title ?? "");
          const age = titles.findIndex((t) => t.startsWith("Oldest message in queue orders"));
          assert.match(titles[age + 1], /^orders: backlog vs\. what \d+ replicas x 10 messages serve$/);
        }
        assert.equal(
          ofType(plan, "aws:cloudwatch/compositeAlarm:CompositeAlarm").filter((a) => /scaled-out-ageing$/.test(a.name)).length,
          kedaReleases(plan).length,
        );
      });
    });
  }

  it("the diagram shows, per region, what KEDA scales on which queue, linked to the cluster and the queues", async () => {
    const diagram = buildDiagram(await committedPlan("prod"));
    const keda = diagram.nodes.filter((n) => n.id.endsWith("_keda"));
    assert.deepEqual(
      keda.map((n) => [n.region, n.label]),
      ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1"].map((r) => [r, "KEDA<br>orders-worker on orders"]).sort(),
    );
    for (const node of keda) {
      const labels = diagram.links.filter((l) => l.from === node.id).map((l) => [l.label, l.crossRegion]);
      assert.deepEqual(labels.sort(), [
        ["reads depth of", false],
        ["scales consumers in", false],
      ]);
    }
  });

  it("the ScaledObject spec: strings in trigger metadata, cooldown only when scaling to zero", () => {
    const base = { ...queueScalingDefaults, enabled: true, deployment: "w", messagesPerReplica: 7, activationMessages: 2 };
    const spec = (minReplicas: number) =>
      scaledObjectSpec({
        scaling: { ...base, minReplicas },
        queueUrl: "https://sqs.eu-west-1.amazonaws.com/1/q",
        region: "eu-west-1",
        authenticationName: "a",
      }) as any;
    assert.deepEqual(spec(0).triggers[0].metadata, {
      queueURL: "https://sqs.eu-west-1.amazonaws.com/1/q",
      queueLength: "7",
      activationQueueLength: "2",
      awsRegion: "eu-west-1",
      scaleOnInFlight: "true",
    });
    assert.equal(spec(0).cooldownPeriod, 300);
    assert.equal(spec(1).cooldownPeriod, undefined);
    assert.throws(() => scaledObjectSpec({ scaling: queueScalingDefaults, queueUrl: "u", region: "r", authenticationName: "a" }));
  });

  it("the operator policy grants GetQueueAttributes and nothing else", () => {
    assert.deepEqual(JSON.parse(kedaOperatorPolicy([queueAttributesStatement(["arn:aws:sqs:eu-west-1:1:q"])])).Statement, [
      { Sid: "ReadQueueDepth", Effect: "Allow", Action: "sqs:GetQueueAttributes", Resource: ["arn:aws:sqs:eu-west-1:1:q"] },
    ]);
  });
});
