import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ObservabilitySettings } from "../config/tiers/observability";

export interface CostBudgetArgs {
  /** The stack's environment; the budget counts only costs tagged with it. */
  readonly environment: string;
  /** Budget name, unique in the account, e.g. `platform-prod-monthly`. */
  readonly budgetName: string;
  /** Limit and alert thresholds. */
  readonly settings: ObservabilitySettings["budget"];
  /** The alert topic notified (AWS Budgets allows one SNS topic per notification). */
  readonly topicArn: pulumi.Input<string>;
}

/**
 * The monthly cost budget of one environment. It filters on the `environment` tag the regional
 * providers put on every resource, so dev and prod in one account are budgeted apart; the tag must
 * be activated as a cost allocation tag in the billing console (AWS does not allow it through the
 * API before the tag has been seen in billing data).
 */
export class CostBudget extends pulumi.ComponentResource {
  public readonly budgetName: pulumi.Output<string>;

  constructor(name: string, args: CostBudgetArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cost:CostBudget", name, {}, opts);
    const notify = (notificationType: "ACTUAL" | "FORECASTED") => (percent: number) => ({
      comparisonOperator: "GREATER_THAN",
      notificationType,
      threshold: percent,
      thresholdType: "PERCENTAGE",
      subscriberSnsTopicArns: [args.topicArn],
    });
    const budget = new aws.budgets.Budget(
      `${name}-budget`,
      {
        name: args.budgetName,
        budgetType: "COST",
        timeUnit: "MONTHLY",
        limitAmount: args.settings.monthlyLimitUsd.toFixed(1),
        limitUnit: "USD",
        costFilters: [{ name: "TagKeyValue", values: [`user:environment$${args.environment}`] }],
        notifications: [
          ...args.settings.actualAlertPercents.map(notify("ACTUAL")),
          ...args.settings.forecastAlertPercents.map(notify("FORECASTED")),
        ],
        tags: { Name: args.budgetName },
      },
      { parent: this },
    );
    this.budgetName = budget.name.apply((n) => n ?? args.budgetName);
    this.registerOutputs({ budgetName: this.budgetName });
  }
}
