import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DashboardWidget } from "./dashboard";

/** A metric as CloudWatch names it: namespace, name, dimensions and statistic. */
export interface MetricRef {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, pulumi.Input<string>>>;
  /** `Average`, `Sum`, `Maximum`, `Minimum`, a percentile (`p99`) or a percentile rank (`PR(:0.5)`). */
  readonly stat: string;
}

/** What one alarm watches and when it fires. */
export interface AlarmSpec {
  /** Role in logical and alarm names, e.g. `rds-cpu`. */
  readonly role: string;
  readonly description: string;
  /** A single metric, or `expression` over the named `metrics`. @default none: `expression` and `metrics` are given */
  readonly metric?: MetricRef;
  /** Metric-math expression over `metrics`. @default none: `metric` is given */
  readonly expression?: string;
  /** The metrics `expression` reads, by id (ids are lower-case, e.g. `m1`). @default none */
  readonly metrics?: Readonly<Record<string, MetricRef>>;
  readonly period: number;
  readonly evaluationPeriods: number;
  /** Breaching datapoints (of `evaluationPeriods`) that fire the alarm. @default evaluationPeriods (CloudWatch's) */
  readonly datapointsToAlarm?: number;
  readonly threshold: number;
  readonly comparison: "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold";
  /** Title of the alarm's dashboard graph. @default the description */
  readonly dashboardTitle?: string;
}

const SIMPLE_STATS = ["Average", "Sum", "Maximum", "Minimum", "SampleCount"];

/**
 * Declares the alarm of a spec. Missing data counts as healthy: an idle ALB or queue has no
 * datapoints, and "no traffic" is not an outage this alarm is meant to page for.
 */
export function metricAlarm(
  name: string,
  alarmName: string,
  spec: AlarmSpec,
  actions: pulumi.Input<string>[],
  parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm {
  const common = {
    name: alarmName,
    alarmDescription: spec.description,
    comparisonOperator: spec.comparison,
    threshold: spec.threshold,
    evaluationPeriods: spec.evaluationPeriods,
    datapointsToAlarm: spec.datapointsToAlarm,
    treatMissingData: "notBreaching",
    alarmActions: actions,
    okActions: actions,
    tags: { Name: alarmName },
  };
  if (spec.metric !== undefined) {
    const m = spec.metric;
    const simple = SIMPLE_STATS.includes(m.stat);
    return new aws.cloudwatch.MetricAlarm(
      `${name}-${spec.role}`,
      {
        ...common,
        namespace: m.namespace,
        metricName: m.metricName,
        dimensions: m.dimensions,
        period: spec.period,
        ...(simple ? { statistic: m.stat } : { extendedStatistic: m.stat }),
      },
      { parent },
    );
  }
  const metrics = Object.entries(spec.metrics ?? {});
  return new aws.cloudwatch.MetricAlarm(
    `${name}-${spec.role}`,
    {
      ...common,
      metricQueries: [
        { id: "e1", expression: spec.expression, label: spec.description, returnData: true },
        ...metrics.map(([id, m]) => ({
          id,
          returnData: false,
          metric: { namespace: m.namespace, metricName: m.metricName, dimensions: m.dimensions, stat: m.stat, period: spec.period },
        })),
      ],
    },
    { parent },
  );
}

/** The dashboard graph of an alarm: its metric, or its expression with the inputs hidden. */
export function widgetOf(spec: AlarmSpec): DashboardWidget {
  const line = (m: MetricRef, extra: Record<string, unknown>): pulumi.Output<unknown[]> =>
    pulumi
      .all(Object.entries(m.dimensions).map(([k, v]) => pulumi.output(v).apply((value): string[] => [k, value])))
      .apply((pairs): unknown[] => [m.namespace, m.metricName, ...pairs.flat(), { stat: m.stat, ...extra }]);
  const lines: pulumi.Output<unknown[]>[] =
    spec.metric !== undefined
      ? [line(spec.metric, {})]
      : [
          pulumi.output<unknown[]>([{ expression: spec.expression, label: spec.role, id: "e1" }]),
          ...Object.entries(spec.metrics ?? {}).map(([id, m]) => line(m, { id, visible: false })),
        ];
  const metrics = pulumi.all(lines) as pulumi.Output<unknown[][]>;
  return { title: spec.dashboardTitle ?? spec.description, metrics, threshold: spec.threshold, period: spec.period };
}
