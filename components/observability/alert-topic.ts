import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { rotatingKey } from "../shared/kms";

export interface AlertTopicArgs {
  /** AWS region of the topic; it must match the provider the component inherits. */
  readonly region: string;
  /** Account owning the topic and its key; the only one allowed to publish. */
  readonly accountId: pulumi.Input<string>;
  /** Topic name, unique in the account and region, e.g. `platform-prod-us-east-1-alerts`. */
  readonly topicName: string;
  /** Email addresses subscribed to the topic (each confirms its subscription once). */
  readonly emails: readonly string[];
  /**
   * Pulumi `protect` on the key and a 30-day deletion window: a deleted key silences every alarm.
   * @default false
   */
  readonly protect?: boolean;
}

/** Services that publish to the alert topic: CloudWatch alarms and AWS Budgets. */
const PUBLISHERS = ["cloudwatch.amazonaws.com", "budgets.amazonaws.com"];

/**
 * A region's alert topic, encrypted with its own KMS key. The AWS-managed `alias/aws/sns` key
 * cannot be used: its policy does not let CloudWatch or Budgets encrypt, so alarms would fail to
 * publish silently. The customer key grants exactly those two services, for this account only.
 */
export class AlertTopic extends pulumi.ComponentResource {
  public readonly topicArn: pulumi.Output<string>;
  public readonly keyArn: pulumi.Output<string>;

  constructor(name: string, args: AlertTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:AlertTopic", name, {}, opts);
    const accountId = pulumi.output(args.accountId);

    const key = rotatingKey(
      `${name}-key`,
      {
        description: `Alert topic of ${args.region}: CloudWatch alarms and budget notifications`,
        accountId,
        statements: (account) => [
          {
            Sid: "AlarmAndBudgetPublishers",
            Effect: "Allow",
            Principal: { Service: PUBLISHERS },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": account } },
          },
        ],
        protect: args.protect,
      },
      { parent: this },
    );

    const topic = new aws.sns.Topic(
      `${name}-topic`,
      { name: args.topicName, kmsMasterKeyId: key.arn, tags: { Name: args.topicName } },
      { parent: this },
    );

    new aws.sns.TopicPolicy(
      `${name}-policy`,
      {
        arn: topic.arn,
        policy: pulumi.all([topic.arn, accountId]).apply(([topicArn, account]) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "AlarmAndBudgetPublishers",
                Effect: "Allow",
                Principal: { Service: PUBLISHERS },
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: { StringEquals: { "aws:SourceAccount": account } },
              },
              {
                Sid: "TlsOnly",
                Effect: "Deny",
                Principal: "*",
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
              },
            ],
          }),
        ),
      },
      { parent: this },
    );

    for (const email of args.emails) {
      // Named by address, so removing one subscriber leaves the others' subscriptions alone.
      const slug = email.toLowerCase().replace(/[^a-z0-9]+/g, "-");
      new aws.sns.TopicSubscription(`${name}-email-${slug}`, { topic: topic.arn, protocol: "email", endpoint: email }, { parent: this });
    }

    this.topicArn = topic.arn;
    this.keyArn = key.arn;
    this.registerOutputs({ topicArn: this.topicArn });
  }
}
