import * as pulumi from "@pulumi/pulumi";

/** One graph of the dashboard: a metric (or a metric-math expression) and its alarm threshold. */
export interface DashboardWidget {
  readonly title: string;
  /** CloudWatch metric arrays: `[namespace, metric, dimName, dimValue, …, { stat }]` or `[{ expression, label }]`. */
  readonly metrics: pulumi.Input<unknown[][]>;
  /** The alarm threshold, drawn as a horizontal line. @default none */
  readonly threshold?: number;
  readonly period: number;
}

/**
 * The dashboard body of a region (the CloudWatch dashboard JSON schema): graphs two per row,
 * each with its alarm threshold drawn as a horizontal annotation.
 */
export function dashboardBody(region: string, title: string, widgets: readonly DashboardWidget[]): pulumi.Output<string> {
  return pulumi.all(widgets.map((w) => pulumi.output(w.metrics))).apply((metricsList) =>
    JSON.stringify({
      widgets: [
        { type: "text", x: 0, y: 0, width: 24, height: 1, properties: { markdown: `# ${title}` } },
        ...widgets.map((widget, index) => ({
          type: "metric",
          x: (index % 2) * 12,
          y: 1 + Math.floor(index / 2) * 6,
          width: 12,
          height: 6,
          properties: {
            title: widget.title,
            region,
            view: "timeSeries",
            stacked: false,
            period: widget.period,
            metrics: metricsList[index],
            ...(widget.threshold !== undefined
              ? { annotations: { horizontal: [{ label: "alarm threshold", value: widget.threshold }] } }
              : {}),
          },
        })),
      ],
    }),
  );
}
