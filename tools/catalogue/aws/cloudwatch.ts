/** CloudWatch alarms and dashboards, and EventBridge rules and targets (the `cloudwatch` module). */
import { arn, hex } from "../../engine/ids";
import { physicalName } from "../../engine/mocks/naming";
import { PRICING } from "../prices";
import { TAG_LIMITS, nameRule } from "../rules";
import { PULUMI_AWS_AUTONAMING, api, registry, tf, tfDocs } from "../sources";
import { InputRule, TypeEntry, none } from "../types";

export const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const COMPOSITE_ALARM = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
export const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
export const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
export const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";

const NO_DATA = none("configuration: recreated from code (alarm history is lost, the metrics are not)");
const PUT_ALARM = api("AmazonCloudWatch", "PutMetricAlarm");

const alarmName = (property: string, sources: readonly string[]): InputRule =>
  nameRule({
    property,
    min: 1,
    max: 255,
    pattern: /^\P{Cc}+$/u,
    rule: "alarm names are 1-255 UTF-8 characters without ASCII control characters",
    sources,
  });

export const CLOUDWATCH_ENTRIES: readonly TypeEntry[] = [
  {
    type: METRIC_ALARM,
    mock: (ctx) => {
      const name = physicalName(ctx);
      return { id: name, outputs: { name, arn: arn("cloudwatch", ctx.region, `alarm:${name}`, ctx.account) } };
    },
    mockSources: [registry(METRIC_ALARM)],
    validation: [
      alarmName("name", [PUT_ALARM]),
      {
        property: "metricQueries",
        rule: "an alarm has either a single metric (metricName) or metric queries, and at most 10 queries",
        sources: [PUT_ALARM, tf("cloudwatch/metric_alarm.go")],
        check: (ctx) => {
          const queries = ctx.inputs.metricQueries;
          if (Array.isArray(queries) && ctx.inputs.metricName !== undefined) return "set together with metricName";
          return Array.isArray(queries) && queries.length > 10 ? `${queries.length} queries` : undefined;
        },
      },
      {
        property: "evaluationPeriods",
        rule: "datapointsToAlarm is between 1 and evaluationPeriods",
        sources: [PUT_ALARM],
        check: (ctx) => {
          const { evaluationPeriods, datapointsToAlarm } = ctx.inputs;
          return typeof datapointsToAlarm === "number" &&
            typeof evaluationPeriods === "number" &&
            (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods)
            ? `${datapointsToAlarm} of ${evaluationPeriods} periods`
            : undefined;
        },
      },
      TAG_LIMITS,
    ],
    creation: { seconds: 5, source: tfDocs("cloudwatch_metric_alarm") },
    price: {
      tier: "observability",
      sources: [PRICING.cloudwatch],
      monthly: ({ inputs, book }) => {
        const metrics = Array.isArray(inputs.metricQueries) ? inputs.metricQueries.filter((q: any) => q.metric !== undefined).length : 1;
        return { usd: metrics * book.cloudwatchAlarmMetricMonth, item: "alarm metric(s)" };
      },
    },
    replacement: { replaceOn: ["name"], sources: [tf("cloudwatch/metric_alarm.go"), registry(METRIC_ALARM)] },
    data: NO_DATA,
  },
  {
    type: COMPOSITE_ALARM,
    mock: (ctx) => {
      const name = physicalName(ctx, "alarmName");
      return { id: name, outputs: { alarmName: name, arn: arn("cloudwatch", ctx.region, `alarm:${name}`, ctx.account) } };
    },
    mockSources: [registry(COMPOSITE_ALARM)],
    validation: [
      alarmName("alarmName", [api("AmazonCloudWatch", "PutCompositeAlarm")]),
      {
        property: "alarmRule",
        rule: "an alarm rule of at most 10240 characters",
        sources: [api("AmazonCloudWatch", "PutCompositeAlarm")],
        check: (ctx) =>
          typeof ctx.inputs.alarmRule === "string" && ctx.inputs.alarmRule.length > 10240
            ? `${ctx.inputs.alarmRule.length} characters`
            : undefined,
      },
      TAG_LIMITS,
    ],
    creation: { seconds: 5, source: tfDocs("cloudwatch_composite_alarm") },
    price: {
      tier: "observability",
      sources: [PRICING.cloudwatch],
      monthly: ({ book }) => ({ usd: book.cloudwatchCompositeAlarmMonth, item: "composite alarm(s)" }),
    },
    replacement: { replaceOn: ["alarmName"], sources: [tf("cloudwatch/composite_alarm.go"), registry(COMPOSITE_ALARM)] },
    data: NO_DATA,
  },
  {
    type: DASHBOARD,
    mock: (ctx) => {
      const name = physicalName(ctx, "dashboardName");
      // Dashboards are global resources: their ARN has no region.
      return { id: name, outputs: { dashboardName: name, dashboardArn: `arn:aws:cloudwatch::${ctx.account}:dashboard/${name}` } };
    },
    mockSources: [registry(DASHBOARD)],
    validation: [
      nameRule({
        property: "dashboardName",
        min: 1,
        max: 255,
        pattern: /^[A-Za-z0-9_-]+$/,
        rule: "dashboard names are 1-255 letters, digits, hyphens or underscores",
        sources: [api("AmazonCloudWatch", "PutDashboard"), tf("cloudwatch/dashboard.go")],
      }),
    ],
    creation: { seconds: 3, source: tfDocs("cloudwatch_dashboard") },
    price: {
      tier: "observability",
      sources: [PRICING.cloudwatch],
      monthly: ({ book }) => ({ usd: book.cloudwatchDashboardMonth, item: "dashboard(s)" }),
    },
    replacement: { replaceOn: ["dashboardName"], sources: [tf("cloudwatch/dashboard.go"), registry(DASHBOARD)] },
    data: NO_DATA,
  },
  {
    type: EVENT_RULE,
    mock: (ctx) => {
      const name = physicalName(ctx);
      return { id: name, outputs: { name, arn: arn("events", ctx.region, `rule/${name}`, ctx.account), eventBusName: "default" } };
    },
    mockSources: [registry(EVENT_RULE)],
    validation: [
      nameRule({
        property: "name",
        min: 1,
        max: 64,
        pattern: /^[.\-_A-Za-z0-9]+$/,
        rule: "EventBridge rule names are 1-64 letters, digits or ._- characters (auto-names fail beyond 64)",
        sources: [api("eventbridge", "PutRule"), tf("events/rule.go"), PULUMI_AWS_AUTONAMING],
      }),
      {
        property: "eventPattern",
        rule: "a rule needs an event pattern or a schedule expression; an event pattern is at most 4096 characters",
        sources: [api("eventbridge", "PutRule")],
        check: (ctx) => {
          const { eventPattern, scheduleExpression } = ctx.inputs;
          if (eventPattern === undefined && scheduleExpression === undefined) return "neither eventPattern nor scheduleExpression is set";
          return typeof eventPattern === "string" && eventPattern.length > 4096 ? `${eventPattern.length} characters` : undefined;
        },
      },
      TAG_LIMITS,
    ],
    creation: { seconds: 5, source: tfDocs("cloudwatch_event_rule") },
    price: none(`usage-priced only (events), not part of the fixed floor: ${PRICING.eventbridge}`),
    replacement: { replaceOn: ["name", "namePrefix", "eventBusName"], sources: [tf("events/rule.go"), registry(EVENT_RULE)] },
    data: NO_DATA,
  },
  {
    type: EVENT_TARGET,
    mock: (ctx) => {
      const targetId = ctx.inputs.targetId ?? `terraform-${hex(ctx.urn, 26)}`;
      return { id: `${ctx.inputs.rule}-${targetId}`, outputs: { targetId, eventBusName: "default" } };
    },
    mockSources: [registry(EVENT_TARGET)],
    validation: [
      nameRule({
        property: "targetId",
        min: 1,
        max: 64,
        pattern: /^[.\-_A-Za-z0-9]+$/,
        rule: "target ids are 1-64 letters, digits or ._- characters",
        sources: [api("eventbridge", "PutTargets"), tf("events/target.go")],
      }),
      {
        property: "arn",
        rule: "a target ARN in the rule's region (cross-region targets must be event buses)",
        sources: [api("eventbridge", "PutTargets")],
        check: (ctx) => {
          const target = ctx.inputs.arn;
          const region = typeof target === "string" ? /^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):/.exec(target) : null;
          if (!region || region[2] === "" || region[2] === ctx.region) return undefined;
          return region[1] === "events" ? undefined : `${target} is in ${region[2]}, the rule in ${ctx.region}`;
        },
      },
    ],
    creation: { seconds: 5, source: tfDocs("cloudwatch_event_target") },
    price: none(`usage-priced only (events), not part of the fixed floor: ${PRICING.eventbridge}`),
    replacement: none(
      "holds no data; its ForceNew properties (rule, targetId) are not catalogued, so the diff shows its changes as updates",
    ),
    data: NO_DATA,
  },
];
