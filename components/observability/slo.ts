import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlarmSpec, MetricRef, metricAlarm } from "./alarm";
import { BURN_RATE_WINDOWS, LATENCY_BUDGET, burnThreshold, errorBudget } from "./metric-math";

export interface SloAlarmsArgs {
  /** Prefix of every alarm name (account- and region-unique), e.g. `platform-prod-us-east-1`. */
  readonly alarmPrefix: string;
  /** The ALB's `LoadBalancer` dimension (`app/<name>/<id>`). */
  readonly loadBalancer: pulumi.Input<string>;
  /** The target group's `TargetGroup` dimension (`targetgroup/<name>/<id>`). */
  readonly targetGroup: pulumi.Input<string>;
  /** Availability SLO in percent of requests answered without a 5xx. */
  readonly availabilityPercent: number;
  /** Latency SLO: 99 % of requests answered within this many milliseconds. */
  readonly latencyP99Ms: number;
  /** Where the burn alerts go (the region's alert topic). */
  readonly actions: pulumi.Input<string>[];
}

/**
 * Multi-window, multi-burn-rate alerts on the ALB SLOs: for each window pair, a long and a short
 * window alarm (no actions of their own) and a composite that pages when both burn.
 */
export class SloAlarms extends pulumi.ComponentResource {
  /** The paging composites by `<slo>-<window>`, e.g. `availability-fast`. */
  public readonly burnAlarms: Record<string, aws.cloudwatch.CompositeAlarm> = {};
  /** Every window alarm's spec, for tests and the dashboard. */
  public readonly specs: AlarmSpec[] = [];

  constructor(name: string, args: SloAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:SloAlarms", name, {}, opts);
    const alb = (metricName: string, stat: string, withTargetGroup: boolean): MetricRef => ({
      namespace: "AWS/ApplicationELB",
      metricName,
      stat,
      dimensions: withTargetGroup
        ? { LoadBalancer: args.loadBalancer, TargetGroup: args.targetGroup }
        : { LoadBalancer: args.loadBalancer },
    });
    const latencySeconds = args.latencyP99Ms / 1000;
    const slos: { slo: string; budget: number; expression: string; metrics: Record<string, MetricRef>; what: string }[] = [
      {
        slo: "availability",
        budget: errorBudget(args.availabilityPercent),
        // 5xx from the targets and from the ALB itself (no healthy target, timeouts) over all requests.
        expression: "(FILL(t5xx, 0) + FILL(e5xx, 0)) / FILL(req, 1)",
        metrics: {
          t5xx: alb("HTTPCode_Target_5XX_Count", "Sum", false),
          e5xx: alb("HTTPCode_ELB_5XX_Count", "Sum", false),
          req: alb("RequestCount", "Sum", false),
        },
        what: `5xx ratio (SLO ${args.availabilityPercent}% available)`,
      },
      {
        slo: "latency",
        budget: LATENCY_BUDGET,
        // PR(:x) is the percentage of requests answered within x seconds; the rest spend the budget.
        expression: "(100 - slow) / 100",
        metrics: { slow: alb("TargetResponseTime", `PR(:${latencySeconds})`, true) },
        what: `share of requests slower than ${args.latencyP99Ms} ms (SLO p99 < ${args.latencyP99Ms} ms)`,
      },
    ];

    for (const { slo, budget, expression, metrics, what } of slos) {
      for (const window of BURN_RATE_WINDOWS) {
        const threshold = burnThreshold(budget, window.burnRate);
        const windowAlarm = (length: "long" | "short", seconds: number) => {
          const spec: AlarmSpec = {
            role: `slo-${slo}-${window.name}-${length}`,
            description: `${what} over ${seconds / 60} min burns the error budget ${window.burnRate}x`,
            expression,
            metrics,
            period: seconds,
            evaluationPeriods: 1,
            threshold,
            comparison: "GreaterThanThreshold",
          };
          this.specs.push(spec);
          return metricAlarm(name, `${args.alarmPrefix}-${spec.role}`, spec, [], this);
        };
        const long = windowAlarm("long", window.longSeconds);
        const short = windowAlarm("short", window.shortSeconds);
        const alarmName = `${args.alarmPrefix}-slo-${slo}-burn-${window.name}`;
        this.burnAlarms[`${slo}-${window.name}`] = new aws.cloudwatch.CompositeAlarm(
          `${name}-${slo}-burn-${window.name}`,
          {
            alarmName,
            alarmDescription: `${slo} SLO: error budget burning ${window.burnRate}x over ${window.longSeconds / 3600} h and ${window.shortSeconds / 60} min`,
            alarmRule: pulumi.interpolate`ALARM("${long.name}") AND ALARM("${short.name}")`,
            alarmActions: args.actions,
            okActions: args.actions,
            tags: { Name: alarmName },
          },
          { parent: this },
        );
      }
    }
    this.registerOutputs({ burnAlarmNames: Object.values(this.burnAlarms).map((a) => a.alarmName) });
  }
}
