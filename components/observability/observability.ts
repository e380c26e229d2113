import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlarmSettings, ObservabilitySettings } from "../config/tiers/observability";
import { AlarmSpec, MetricRef, metricAlarm, widgetOf } from "./alarm";
import { AlertTopic } from "./alert-topic";
import { dashboardBody } from "./dashboard";
import { cacheMemberIds, elbArnSuffix, gibToBytes, queueNameOfUrl } from "./metric-math";
import { SloAlarms } from "./slo";
import { scaledOutAlarms } from "./queue-scaling-alarms";

export interface ObservabilityArgs {
  /** AWS region of the alarms; it must match the provider the component inherits. */
  readonly region: string;
  /** Prefix of alarm, topic and dashboard names, unique per account and region, e.g. `platform-prod-us-east-1`. */
  readonly namePrefix: string;
  readonly accountId: pulumi.Input<string>;
  /** Thresholds of this region's alarms. */
  readonly alarms: AlarmSettings;
  /** Alert subscribers and SLOs of the stack. */
  readonly settings: Pick<ObservabilitySettings, "alertEmails" | "slo">;
  /** The regional ALB: p99 latency, 5xx rate and the SLO burn-rate alarms. @default no ALB alarms */
  readonly loadBalancer?: { readonly arn: pulumi.Input<string>; readonly targetGroupArn: pulumi.Input<string> };
  /** The region's database: CPU and free storage of the primary, lag of each replica. @default no RDS alarms */
  readonly database?: {
    readonly primaryIdentifier: pulumi.Input<string>;
    readonly replicaIdentifiers: readonly pulumi.Input<string>[];
  };
  /** The region's cache: engine CPU, evictions and memory of every node. @default no cache alarms */
  readonly cache?: { readonly replicationGroupId: pulumi.Input<string>; readonly nodes: number };
  /** Queues (age of the oldest message) and their DLQs (any message at all). @default none */
  readonly queues?: readonly {
    readonly name: string;
    readonly queueUrl: pulumi.Input<string>;
    readonly dlqUrl: pulumi.Input<string>;
    /** KEDA scales the queue's consumer: page when it is scaled out and the backlog still ages. @default not scaled */
    readonly scaling?: { readonly maxReplicas: number; readonly messagesPerReplica: number };
  }[];
  /**
   * Karpenter's NodePool CPU limit: alarms when the cluster's nodes reach `capacityPercent` of it
   * (Container Insights `node_cpu_limit`): pass it only when the cluster runs the CloudWatch
   * Observability add-on (`cluster.containerInsights`), or the alarm never gets data.
   * @default no capacity alarm
   */
  readonly karpenter?: { readonly clusterName: pulumi.Input<string>; readonly cpuLimit: number };
  /** The system node group's Auto Scaling group: alarms when in-service nodes reach `capacityPercent` of its max. @default none */
  readonly nodeGroup?: { readonly autoScalingGroupName: pulumi.Input<string> };
  /** Production: the alert topic's key is protected (see AlertTopic). @default false */
  readonly protect?: boolean;
  /** Other alarms (by name) that also make the region unhealthy, e.g. the origin's health alarm. @default none */
  readonly extraUnhealthyAlarmNames?: readonly pulumi.Input<string>[];
}

/**
 * A region's operations view: the encrypted alert topic, an alarm per saturation and error signal
 * with thresholds from config, SLO burn-rate alerts, a composite "region unhealthy" alarm (what a
 * failover decision starts from, see docs/runbooks/region-failover.md) and one dashboard.
 */
export class Observability extends pulumi.ComponentResource {
  public readonly topicArn: pulumi.Output<string>;
  /** The composite "region unhealthy" alarm; absent when the region has nothing to watch. */
  public readonly unhealthyAlarmName?: pulumi.Output<string>;
  public readonly dashboardName: pulumi.Output<string>;
  /** Every metric alarm by role (e.g. `rds-cpu`, `queue-orders-age`). */
  public readonly alarms: Readonly<Record<string, aws.cloudwatch.MetricAlarm>>;

  constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:Observability", name, {}, opts);
    const t = args.alarms;
    const prefix = args.namePrefix;

    const topic = new AlertTopic(
      `${name}-alerts`,
      {
        region: args.region,
        accountId: args.accountId,
        topicName: `${prefix}-alerts`,
        emails: args.settings.alertEmails,
        protect: args.protect,
      },
      { parent: this },
    );
    const actions = [topic.topicArn];

    // Specs marked `unhealthy` feed the composite: user-facing errors and data-tier saturation.
    // `silent` specs only feed a composite alarm, which pages instead.
    const specs: { spec: AlarmSpec; unhealthy: boolean; silent?: boolean }[] = [];
    const add = (unhealthy: boolean, spec: AlarmSpec, silent = false) => specs.push({ spec, unhealthy, silent });
    const scaledOut: { queue: string; atMax: string; ageing: string }[] = [];
    // Graphed already: the queue's age widget shows the same metric.
    const notGraphed = new Set<string>();

    let slo: SloAlarms | undefined;
    if (args.loadBalancer) {
      const lb = pulumi.output(args.loadBalancer.arn).apply(elbArnSuffix);
      const tg = pulumi.output(args.loadBalancer.targetGroupArn).apply(elbArnSuffix);
      const albMetric = (metricName: string, stat: string): MetricRef => ({
        namespace: "AWS/ApplicationELB",
        metricName,
        stat,
        dimensions: { LoadBalancer: lb },
      });
      add(true, {
        role: "alb-p99",
        description: `ALB p99 TargetResponseTime above the SLO's ${args.settings.slo.latencyP99Ms} ms`,
        metric: { ...albMetric("TargetResponseTime", "p99"), dimensions: { LoadBalancer: lb, TargetGroup: tg } },
        period: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        threshold: args.settings.slo.latencyP99Ms / 1000,
        comparison: "GreaterThanThreshold",
      });
      add(true, {
        role: "alb-5xx",
        description: `ALB 5xx responses above ${t.alb5xxPercent}% of requests`,
        expression: "100 * (FILL(t5xx, 0) + FILL(e5xx, 0)) / FILL(req, 1)",
        metrics: {
          t5xx: albMetric("HTTPCode_Target_5XX_Count", "Sum"),
          e5xx: albMetric("HTTPCode_ELB_5XX_Count", "Sum"),
          req: albMetric("RequestCount", "Sum"),
        },
        period: 300,
        evaluationPeriods: 1,
        threshold: t.alb5xxPercent,
        comparison: "GreaterThanThreshold",
      });
      slo = new SloAlarms(
        `${name}-slo`,
        {
          alarmPrefix: prefix,
          loadBalancer: lb,
          targetGroup: tg,
          availabilityPercent: args.settings.slo.availabilityPercent,
          latencyP99Ms: args.settings.slo.latencyP99Ms,
          actions,
        },
        { parent: this },
      );
    }

    if (args.database) {
      const rds = (metricName: string, stat: string, id: pulumi.Input<string>): MetricRef => ({
        namespace: "AWS/RDS",
        metricName,
        stat,
        dimensions: { DBInstanceIdentifier: id },
      });
      const primary = args.database.primaryIdentifier;
      add(true, {
        role: "rds-cpu",
        description: `RDS primary CPU above ${t.rdsCpuPercent}%`,
        metric: rds("CPUUtilization", "Average", primary),
        period: 300,
        evaluationPeriods: 3,
        threshold: t.rdsCpuPercent,
        comparison: "GreaterThanThreshold",
      });
      add(true, {
        role: "rds-free-storage",
        description: `RDS primary free storage below ${t.rdsFreeStorageGiB} GiB`,
        metric: rds("FreeStorageSpace", "Minimum", primary),
        period: 300,
        evaluationPeriods: 1,
        threshold: gibToBytes(t.rdsFreeStorageGiB),
        comparison: "LessThanThreshold",
      });
      args.database.replicaIdentifiers.forEach((id, index) =>
        add(false, {
          role: `rds-replica-${index}-lag`,
          description: `RDS read replica ${index} lags its primary by more than ${t.rdsReplicaLagSeconds} s`,
          metric: rds("ReplicaLag", "Maximum", id),
          period: 60,
          evaluationPeriods: 5,
          datapointsToAlarm: 3,
          threshold: t.rdsReplicaLagSeconds,
          comparison: "GreaterThanThreshold",
        }),
      );
    }

    if (args.cache) {
      const members = pulumi.output(args.cache.replicationGroupId).apply((id) => cacheMemberIds(id, args.cache?.nodes ?? 0));
      for (let node = 0; node < args.cache.nodes; node++) {
        const cache = (metricName: string, stat: string): MetricRef => ({
          namespace: "AWS/ElastiCache",
          metricName,
          stat,
          dimensions: { CacheClusterId: members.apply((ids) => ids[node]) },
        });
        const n = String(node + 1).padStart(3, "0");
        add(true, {
          role: `cache-${n}-cpu`,
          description: `Cache node ${n} engine CPU above ${t.cacheCpuPercent}%`,
          metric: cache("EngineCPUUtilization", "Average"),
          period: 300,
          evaluationPeriods: 3,
          threshold: t.cacheCpuPercent,
          comparison: "GreaterThanThreshold",
        });
        add(false, {
          role: `cache-${n}-evictions`,
          description: `Cache node ${n} evicts more than ${t.cacheEvictions} keys per 5 minutes`,
          metric: cache("Evictions", "Sum"),
          period: 300,
          evaluationPeriods: 1,
          threshold: t.cacheEvictions,
          comparison: "GreaterThanThreshold",
        });
        add(true, {
          role: `cache-${n}-memory`,
          description: `Cache node ${n} memory above ${t.cacheMemoryPercent}%`,
          metric: cache("DatabaseMemoryUsagePercentage", "Average"),
          period: 300,
          evaluationPeriods: 3,
          threshold: t.cacheMemoryPercent,
          comparison: "GreaterThanThreshold",
        });
      }
    }

    for (const queue of args.queues ?? []) {
      const sqs = (url: pulumi.Input<string>, metricName: string): MetricRef => ({
        namespace: "AWS/SQS",
        metricName,
        stat: "Maximum",
        dimensions: { QueueName: pulumi.output(url).apply(queueNameOfUrl) },
      });
      add(false, {
        role: `queue-${queue.name}-age`,
        description: `Oldest message in queue ${queue.name} older than ${t.queueOldestMessageSeconds} s`,
        metric: sqs(queue.queueUrl, "ApproximateAgeOfOldestMessage"),
        period: 300,
        evaluationPeriods: 1,
        threshold: t.queueOldestMessageSeconds,
        comparison: "GreaterThanThreshold",
      });
      if (queue.scaling !== undefined) {
        const s = scaledOutAlarms(queue.name, queue.scaling, t.queueOldestMessageSeconds, (m) => sqs(queue.queueUrl, m));
        add(false, s.atMax, true);
        add(false, s.ageing, true);
        scaledOut.push({ queue: queue.name, atMax: s.atMax.role, ageing: s.ageing.role });
        notGraphed.add(s.ageing.role);
      }
      add(false, {
        role: `queue-${queue.name}-dlq`,
        description: `Dead-letter queue of ${queue.name} holds a message`,
        metric: sqs(queue.dlqUrl, "ApproximateNumberOfMessagesVisible"),
        period: 300,
        evaluationPeriods: 1,
        threshold: 0,
        comparison: "GreaterThanThreshold",
      });
    }

    if (args.karpenter) {
      add(false, {
        role: "karpenter-capacity",
        description: `Cluster nodes hold more than ${t.capacityPercent}% of Karpenter's ${args.karpenter.cpuLimit} vCPU limit`,
        metric: {
          namespace: "ContainerInsights",
          metricName: "node_cpu_limit",
          stat: "Sum",
          dimensions: { ClusterName: args.karpenter.clusterName },
        },
        // Every node sends its node_cpu_limit (millicores) under ClusterName once a minute, so only
        // a 60 s Sum is the cluster's total; a 300 s Sum would count each node five times.
        period: 60,
        evaluationPeriods: 10,
        threshold: (args.karpenter.cpuLimit * 1000 * t.capacityPercent) / 100,
        comparison: "GreaterThanOrEqualToThreshold",
      });
    }
    if (args.nodeGroup) {
      const asg = (metricName: string): MetricRef => ({
        namespace: "AWS/AutoScaling",
        metricName,
        stat: "Maximum",
        dimensions: { AutoScalingGroupName: args.nodeGroup?.autoScalingGroupName ?? "" },
      });
      add(false, {
        role: "node-group-capacity",
        description: `System node group above ${t.capacityPercent}% of its maximum size`,
        expression: "100 * inService / maxSize",
        metrics: { inService: asg("GroupInServiceInstances"), maxSize: asg("GroupMaxSize") },
        period: 300,
        evaluationPeriods: 2,
        threshold: t.capacityPercent,
        comparison: "GreaterThanOrEqualToThreshold",
      });
    }

    const created: Record<string, aws.cloudwatch.MetricAlarm> = {};
    for (const { spec, silent } of specs)
      created[spec.role] = metricAlarm(name, `${prefix}-${spec.role}`, spec, silent ? [] : actions, this);
    this.alarms = created;
    // "Scaled out yet backlog ageing": both halves in alarm at once page the region's topic.
    for (const s of scaledOut) {
      const alarmName = `${prefix}-queue-${s.queue}-scaled-out-ageing`;
      new aws.cloudwatch.CompositeAlarm(
        `${name}-queue-${s.queue}-scaled-out-ageing`,
        {
          alarmName,
          alarmDescription: `Queue ${s.queue}: KEDA has scaled its consumer to maxReplicas and the oldest message still ages; raise maxReplicas or fix the consumer`,
          alarmRule: pulumi.all([created[s.atMax].name, created[s.ageing].name]).apply(([a, b]) => `ALARM("${a}") AND ALARM("${b}")`),
          alarmActions: actions,
          okActions: actions,
          tags: { Name: alarmName },
        },
        { parent: this },
      );
    }

    const unhealthyNames: pulumi.Input<string>[] = [
      ...specs.filter((s) => s.unhealthy).map((s) => created[s.spec.role].name),
      // The fast burns only: a slow burn is worth a look, not a failover.
      ...(slo ? [slo.burnAlarms["availability-fast"].alarmName, slo.burnAlarms["latency-fast"].alarmName] : []),
      ...(args.extraUnhealthyAlarmNames ?? []),
    ];
    const unhealthyName = `${prefix}-region-unhealthy`;
    const unhealthy =
      unhealthyNames.length === 0
        ? undefined
        : new aws.cloudwatch.CompositeAlarm(
            `${name}-region-unhealthy`,
            {
              alarmName: unhealthyName,
              alarmDescription: `${args.region} is failing its users: errors, latency, fast SLO burn or data-tier saturation. See docs/runbooks/region-failover.md`,
              alarmRule: pulumi.all(unhealthyNames).apply((names) => names.map((n) => `ALARM("${n}")`).join(" OR ")),
              alarmActions: actions,
              okActions: actions,
              tags: { Name: unhealthyName },
            },
            { parent: this },
          );

    const widgets = [
      ...specs.filter((s) => !notGraphed.has(s.spec.role)).map((s) => widgetOf(s.spec)),
      ...(slo?.specs.filter((s) => s.role.endsWith("-long")).map(widgetOf) ?? []),
    ];
    const dashboard = new aws.cloudwatch.Dashboard(
      `${name}-dashboard`,
      {
        dashboardName: `${prefix}-operations`,
        dashboardBody: dashboardBody(args.region, `${prefix}: latency, errors, saturation`, widgets),
      },
      { parent: this },
    );

    this.topicArn = topic.topicArn;
    this.unhealthyAlarmName = unhealthy?.alarmName;
    this.dashboardName = dashboard.dashboardName;
    this.registerOutputs({ topicArn: this.topicArn, dashboardName: this.dashboardName });
  }
}
