import { strict as assert } from "node:assert";
import { ConfigError, PlatformConfig, resolvePlatformConfig } from "../../components/config";
import { RESIDENCY_ZONES, regionOfArn, zoneOfRegion } from "../../policies/residency-zones";
import { burnThreshold, cacheMemberIds, elbArnSuffix, errorBudget, queueNameOfUrl } from "../../components/observability/metric-math";
import { siblingRegion } from "../../components/recovery/sibling-region";
import { Plan, PlannedResource } from "../../tools/engine/model";
import { estimateMonthlyCost, renderCostTable } from "../../tools/report/cost-estimate";
import { committedConfig, committedPlan, inputsOf, ofType, outputsOf } from "../helpers/plan";

function values(stack: "dev" | "prod"): Record<string, any> {
  return Object.fromEntries(Object.entries(committedConfig(stack)).map(([k, v]) => [k.replace(/^platform:/, ""), v]));
}
const prodConfig = (): PlatformConfig => resolvePlatformConfig({ stack: "prod", values: values("prod") });

function alarm(plan: Plan, region: string, role: string): Record<string, any> {
  const found = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm").filter(
    (r) => inputsOf(r).name === `platform-${plan.stack}-${region}-${role}`,
  );
  assert.equal(found.length, 1, `alarm ${role} in ${region}`);
  assert.equal(found[0].region, region, `alarm ${role} is managed in ${region}`);
  return inputsOf(found[0]);
}
const inRegion = (plan: Plan, type: string, region: string): PlannedResource[] => ofType(plan, type).filter((r) => r.region === region);

describe("observability, recovery and cost (prod plan, every region)", function () {
  this.timeout(120000);
  let plan: Plan;
  const config = prodConfig();
  before(async () => {
    plan = await committedPlan("prod");
  });

  for (const region of config.regions) {
    const r = region.region;
    const t = region.alarms;
    describe(r, () => {
      it("ALB p99 and 5xx alarms watch this region's ALB and target group with the configured thresholds", () => {
        const [lb] = inRegion(plan, "aws:lb/loadBalancer:LoadBalancer", r);
        const [tg] = inRegion(plan, "aws:lb/targetGroup:TargetGroup", r);
        const p99 = alarm(plan, r, "alb-p99");
        assert.equal(p99.namespace, "AWS/ApplicationELB");
        assert.equal(p99.metricName, "TargetResponseTime");
        assert.equal(p99.extendedStatistic, "p99");
        assert.deepEqual(p99.dimensions, { LoadBalancer: elbArnSuffix(outputsOf(lb).arn), TargetGroup: elbArnSuffix(outputsOf(tg).arn) });
        assert.equal(p99.threshold, config.observability.slo.latencyP99Ms / 1000);
        const errors = alarm(plan, r, "alb-5xx");
        assert.equal(errors.threshold, t.alb5xxPercent);
        const metrics = errors.metricQueries.filter((q: any) => q.metric).map((q: any) => q.metric);
        assert.deepEqual(metrics.map((m: any) => m.metricName).sort(), [
          "HTTPCode_ELB_5XX_Count",
          "HTTPCode_Target_5XX_Count",
          "RequestCount",
        ]);
        for (const m of metrics) assert.deepEqual(m.dimensions, { LoadBalancer: elbArnSuffix(outputsOf(lb).arn) });
      });

      it("RDS alarms point at this region's primary and each in-region replica", () => {
        const instances = inRegion(plan, "aws:rds/instance:Instance", r).map((i) => ({ inputs: inputsOf(i), outputs: outputsOf(i) }));
        const primary = instances.find((i) => i.inputs.replicateSourceDb === undefined);
        assert.ok(primary);
        for (const [role, metricName, threshold] of [
          ["rds-cpu", "CPUUtilization", t.rdsCpuPercent],
          ["rds-free-storage", "FreeStorageSpace", t.rdsFreeStorageGiB * 1024 ** 3],
        ] as const) {
          const a = alarm(plan, r, role);
          assert.equal(a.namespace, "AWS/RDS");
          assert.equal(a.metricName, metricName);
          assert.deepEqual(a.dimensions, { DBInstanceIdentifier: primary.outputs.identifier });
          assert.equal(a.threshold, threshold);
        }
        const replicaIds = instances
          .filter((i) => i.inputs.replicateSourceDb === primary.outputs.identifier)
          .map((i) => i.outputs.identifier);
        assert.equal(replicaIds.length, region.database.readReplicas);
        const lagged = replicaIds.map((_, i) => alarm(plan, r, `rds-replica-${i}-lag`));
        assert.deepEqual(lagged.map((a) => a.dimensions.DBInstanceIdentifier).sort(), [...replicaIds].sort());
        for (const a of lagged) assert.equal(a.threshold, t.rdsReplicaLagSeconds);
      });

      it("cache alarms cover every node of this region's replication group", () => {
        const [group] = inRegion(plan, "aws:elasticache/replicationGroup:ReplicationGroup", r);
        const ids = cacheMemberIds(outputsOf(group).replicationGroupId, inputsOf(group).numCacheClusters);
        ids.forEach((id, i) => {
          const n = String(i + 1).padStart(3, "0");
          for (const [role, metricName, threshold] of [
            ["cpu", "EngineCPUUtilization", t.cacheCpuPercent],
            ["evictions", "Evictions", t.cacheEvictions],
            ["memory", "DatabaseMemoryUsagePercentage", t.cacheMemoryPercent],
          ] as const) {
            const a = alarm(plan, r, `cache-${n}-${role}`);
            assert.equal(a.namespace, "AWS/ElastiCache");
            assert.equal(a.metricName, metricName);
            assert.deepEqual(a.dimensions, { CacheClusterId: id });
            assert.equal(a.threshold, threshold);
          }
        });
      });

      it("each queue alarms on its oldest message and its DLQ on any message", () => {
        const urls = new Set(inRegion(plan, "aws:sqs/queue:Queue", r).map((q) => queueNameOfUrl(outputsOf(q).url ?? outputsOf(q).id)));
        for (const queue of region.queues) {
          const age = alarm(plan, r, `queue-${queue.name}-age`);
          assert.equal(age.metricName, "ApproximateAgeOfOldestMessage");
          assert.equal(age.threshold, t.queueOldestMessageSeconds);
          assert.ok(urls.has(age.dimensions.QueueName), `${age.dimensions.QueueName} is a queue of ${r}`);
          const dlq = alarm(plan, r, `queue-${queue.name}-dlq`);
          assert.equal(dlq.metricName, "ApproximateNumberOfMessagesVisible");
          assert.equal(dlq.threshold, 0);
          assert.ok(urls.has(dlq.dimensions.QueueName) && dlq.dimensions.QueueName !== age.dimensions.QueueName);
        }
      });

      it("Karpenter capacity alarms at the configured share of its CPU limit", () => {
        const a = alarm(plan, r, "karpenter-capacity");
        const [cluster] = inRegion(plan, "aws:eks/cluster:Cluster", r);
        assert.deepEqual(a.dimensions, { ClusterName: outputsOf(cluster).name });
        assert.equal(a.threshold, (region.cluster.karpenter.cpuLimit * 1000 * t.capacityPercent) / 100);
        // Each node reports under ClusterName once a minute: a longer Sum would count every node again per minute.
        assert.equal(a.statistic, "Sum");
        assert.equal(a.period, 60);
      });

      it("every alarm notifies the region's encrypted alert topic; a composite says the region is unhealthy", () => {
        const [topic] = inRegion(plan, "aws:sns/topic:Topic", r).filter((x) => inputsOf(x).name === `platform-prod-${r}-alerts`);
        const keyArn = inputsOf(topic).kmsMasterKeyId;
        assert.equal(regionOfArn(keyArn), r);
        const topicArn = outputsOf(topic).arn;
        const subscriptions = inRegion(plan, "aws:sns/topicSubscription:TopicSubscription", r).map(inputsOf);
        assert.deepEqual(
          subscriptions.filter((s) => s.topic === topicArn).map((s) => s.endpoint),
          config.observability.alertEmails,
        );
        const ours = inRegion(plan, "aws:cloudwatch/metricAlarm:MetricAlarm", r)
          .map(inputsOf)
          .filter((a) => String(a.name).startsWith(`platform-prod-${r}-`) && !String(a.name).includes("-slo-"));
        const composites = inRegion(plan, "aws:cloudwatch/compositeAlarm:CompositeAlarm", r).map(inputsOf);
        // Halves of a queue's "scaled out yet ageing" composite stay silent: the composite pages.
        const scaledOutHalves = composites
          .filter((c) => String(c.alarmName).endsWith("-scaled-out-ageing"))
          .flatMap((c) => [...String(c.alarmRule).matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => m[1]));
        for (const a of ours) assert.deepEqual(a.alarmActions, scaledOutHalves.includes(a.name) ? [] : [topicArn], a.name);
        const unhealthy = composites.find((c) => c.alarmName === `platform-prod-${r}-region-unhealthy`);
        assert.ok(unhealthy);
        assert.deepEqual(unhealthy.alarmActions, [topicArn]);
        for (const role of ["alb-5xx", "alb-p99", "rds-cpu", "slo-availability-burn-fast", "slo-latency-burn-fast"]) {
          assert.ok(unhealthy.alarmRule.includes(`ALARM("platform-prod-${r}-${role}")`), role);
        }
      });

      it("SLO burn-rate composites combine a long and a short window at budget x burn rate", () => {
        const budget = errorBudget(config.observability.slo.availabilityPercent);
        for (const [window, rate, long, short] of [
          ["fast", 14.4, 3600, 300],
          ["slow", 6, 21600, 1800],
        ] as const) {
          const l = alarm(plan, r, `slo-availability-${window}-long`);
          const s = alarm(plan, r, `slo-availability-${window}-short`);
          assert.equal(l.metricQueries[1].metric.period, long);
          assert.equal(s.metricQueries[1].metric.period, short);
          assert.equal(l.threshold, burnThreshold(budget, rate));
          const composite = inRegion(plan, "aws:cloudwatch/compositeAlarm:CompositeAlarm", r)
            .map(inputsOf)
            .find((c) => c.alarmName === `platform-prod-${r}-slo-availability-burn-${window}`);
          assert.equal(composite?.alarmRule, `ALARM("${l.name}") AND ALARM("${s.name}")`);
        }
        assert.equal(
          alarm(plan, r, "slo-latency-fast-long").metricQueries[1].metric.stat,
          `PR(:${config.observability.slo.latencyP99Ms / 1000})`,
        );
      });

      it("has one dashboard graphing the alarmed metrics", () => {
        const dashboards = inRegion(plan, "aws:cloudwatch/dashboard:Dashboard", r).map(inputsOf);
        assert.equal(dashboards.length, 1);
        const body = JSON.parse(dashboards[0].dashboardBody);
        const text = JSON.stringify(body);
        for (const metric of [
          "TargetResponseTime",
          "CPUUtilization",
          "EngineCPUUtilization",
          "ApproximateAgeOfOldestMessage",
          "node_cpu_limit",
        ]) {
          assert.ok(text.includes(metric), metric);
        }
        assert.ok(body.widgets.every((w: any) => w.type === "text" || w.properties.region === r));
      });

      it("backs the primary up into its own KMS-encrypted vault and copies to a sibling region of the same zone", () => {
        const [vault] = inRegion(plan, "aws:backup/vault:Vault", r);
        assert.equal(regionOfArn(inputsOf(vault).kmsKeyArn), r);
        assert.equal(vault.options.protect, true);
        const [backupPlan] = inRegion(plan, "aws:backup/plan:Plan", r);
        const rule = inputsOf(backupPlan).rules[0];
        assert.equal(rule.targetVaultName, outputsOf(vault).name);
        assert.equal(rule.lifecycle.deleteAfter, config.recovery.backup.retentionDays);
        assert.equal(rule.copyActions.length, 1);
        const target = regionOfArn(rule.copyActions[0].destinationVaultArn);
        assert.notEqual(target, r);
        assert.equal(zoneOfRegion(target!), region.zone, `copy of ${r} goes to ${target}`);
        assert.equal(target, region.database.drReplica?.region);
        const [selection] = inRegion(plan, "aws:backup/selection:Selection", r);
        const primary = inRegion(plan, "aws:rds/instance:Instance", r).find((i) => inputsOf(i).replicateSourceDb === undefined)!;
        assert.deepEqual(inputsOf(selection).resources, [outputsOf(primary).arn]);
      });
    });
  }

  it("replicates each primary's automated backups into its zone, with the destination region's provider and key", () => {
    const replications = ofType(plan, "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication");
    assert.equal(replications.length, config.regions.length);
    for (const replication of replications) {
      const inputs = inputsOf(replication);
      const source = regionOfArn(inputs.sourceDbInstanceArn)!;
      assert.notEqual(replication.region, source);
      assert.equal(zoneOfRegion(replication.region!), zoneOfRegion(source));
      assert.equal(regionOfArn(inputs.kmsKeyId), replication.region);
      assert.equal(inputs.retentionPeriod, config.recovery.automatedBackupReplication.retentionDays);
    }
  });

  for (const stack of ["dev", "prod"] as const) {
    it(`${stack}: one monthly budget per stack, filtered to its environment, alerting the alert topic`, async () => {
      const p = await committedPlan(stack);
      const budgets = ofType(p, "aws:budgets/budget:Budget").map(inputsOf);
      assert.equal(budgets.length, 1);
      const [budget] = budgets;
      assert.equal(budget.timeUnit, "MONTHLY");
      assert.deepEqual(budget.costFilters, [{ name: "TagKeyValue", values: [`user:environment$${stack}`] }]);
      const topics = new Set(ofType(p, "aws:sns/topic:Topic").map((t) => outputsOf(t).arn));
      assert.ok(budget.notifications.length > 0);
      for (const n of budget.notifications) assert.ok(topics.has(n.subscriberSnsTopicArns[0]));
    });
  }

  it("the cost estimate prices every region and is labelled an estimate", () => {
    const estimate = estimateMonthlyCost(plan);
    for (const region of config.regions) {
      const tiers = estimate.rows.filter((row) => row.region === region.region).map((row) => row.tier);
      for (const tier of ["compute", "database", "cache", "network", "edge", "observability", "recovery"])
        assert.ok(tiers.includes(tier), `${region.region} ${tier}`);
    }
    assert.ok(estimate.totalUsd > 0);
    assert.deepEqual(estimate.unpriced, []);
    assert.match(renderCostTable(estimate), /^Estimated monthly cost \(ESTIMATE: /);
  });
});

describe("observability and recovery config", () => {
  function rejects(mutate: (v: Record<string, any>) => void, path: string, message: string): void {
    const v = values("prod");
    mutate(v);
    try {
      resolvePlatformConfig({ stack: "test", values: v });
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.ok(
        error.issues.some((i) => i.path === path && i.message === message),
        JSON.stringify(error.issues, null, 1),
      );
      return;
    }
    assert.fail("accepted");
  }

  it("checks emails, SLO, budget and thresholds with exact messages", () => {
    rejects(
      (v) => (v.observability = { alertEmails: ["oncall"] }),
      "platform:observability.alertEmails[0]",
      'must be an email address such as "oncall@example.com", got "oncall"',
    );
    rejects(
      (v) => (v.observability = { slo: { availabilityPercent: 100 } }),
      "platform:observability.slo.availabilityPercent",
      "must be a number from 90 to 99.999 percent, got 100",
    );
    rejects(
      (v) => (v.observability = { budget: { actualAlertPercents: [50, 60, 70, 80, 90], forecastAlertPercents: [100] } }),
      "platform:observability.budget",
      "has 6 alert thresholds; AWS Budgets allows at most 5 notifications per budget (actualAlertPercents and forecastAlertPercents together)",
    );
    rejects((v) => (v.regions[0].alarms = { rdsCpuPercent: 0 }), "platform:regions[0].alarms.rdsCpuPercent", "must be 1-100, got 0");
    rejects(
      (v) => (v.regions[1].alarms = { rdsFreeStorageGiB: 100 }),
      "platform:regions[1].alarms.rdsFreeStorageGiB",
      "must be less than database.allocatedStorageGiB (100), or the alarm fires on an empty database; got 100",
    );
    rejects(
      (v) => (v.regionDefaults.alarms = { queueOldestMessageSeconds: 400000 }),
      "platform:regionDefaults.alarms.queueOldestMessageSeconds",
      'must be less than the retentionSeconds of queue "orders" (345600), or messages expire before the alarm fires; got 400000 (inherited by regions[0] (us-east-1), regions[1] (us-west-2), regions[2] (eu-west-1), regions[3] (eu-central-1))',
    );
  });

  it("checks recovery with exact messages", () => {
    rejects(
      (v) => (v.recovery = { backup: { schedule: "daily" } }),
      "platform:recovery.backup.schedule",
      'must be an AWS cron expression with six fields such as "cron(0 3 * * ? *)", got "daily"',
    );
    rejects(
      (v) => (v.recovery = { backup: { copyRetentionDays: 7 } }),
      "platform:recovery.backup.copyRetentionDays",
      "must be at least retentionDays (35): the copy in the sibling region is what survives the loss of a region; got 7",
    );
    rejects(
      (v) => (v.recovery = { automatedBackupReplication: { enabled: false } }),
      "platform:recovery.objectives.rpoMinutes",
      "15 minutes needs automatedBackupReplication.enabled: daily backups alone lose up to 1440 minutes of writes",
    );
    rejects(
      (v) => (v.recovery = { backup: { retentionDays: 3, copyRetentionDays: 3 } }),
      "platform:recovery.backup.retentionDays",
      "must be at least 7 in prod, so a problem found a week later can still be undone; got 3",
    );
  });

  it("picks the DR replica's region as sibling, else another region of the zone, never another zone", () => {
    const regions = [
      { region: "eu-west-1", zone: "eu", drReplicaRegion: "eu-central-1" },
      { region: "eu-north-1", zone: "eu" },
      { region: "eu-central-1", zone: "eu" },
      { region: "us-east-1", zone: "us" },
    ];
    assert.equal(siblingRegion(regions[0], regions), "eu-central-1");
    assert.equal(siblingRegion(regions[1], regions), "eu-west-1");
    assert.equal(siblingRegion(regions[3], regions), undefined);
    for (const r of regions) {
      const s = siblingRegion(r, regions);
      if (s) assert.ok((RESIDENCY_ZONES as Record<string, readonly string[]>)[r.zone].includes(s));
    }
  });
});
