import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { QueueSettings } from "../config/tiers/queues";
import { KEDA_API_VERSION, scaledObjectSpec, triggerAuthenticationName, triggerAuthenticationSpec } from "./scaling-plan";

export interface QueueScalersArgs {
  /** The region's scaled queues (scaling.enabled, validated by the stack config). */
  readonly queues: readonly QueueSettings[];
  /** Main queue URL per queue name. DLQs are not passed: they never drive scaling. */
  readonly queueUrls: Readonly<Record<string, pulumi.Input<string>>>;
  readonly region: string;
  /** The workload namespace, taken from the Namespace object's output (so objects wait for it). */
  readonly namespace: pulumi.Input<string>;
  readonly kubernetesProvider: k8s.Provider;
  /** The KEDA release, which installs the ScaledObject and TriggerAuthentication CRDs. */
  readonly keda: pulumi.Resource;
}

/** Per scaled queue, a TriggerAuthentication and a ScaledObject in the workload namespace. */
export class QueueScalers extends pulumi.ComponentResource {
  /** ScaledObject name per queue name. */
  public readonly scaledObjectNames: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: QueueScalersArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:queues:QueueScalers", name, {}, opts);
    const k8sOpts = { parent: this, provider: args.kubernetesProvider, dependsOn: [args.keda] };

    for (const queue of args.queues) {
      const url = args.queueUrls[queue.name];
      if (url === undefined) throw new Error(`queue ${queue.name} has no main queue URL`);
      const authName = triggerAuthenticationName(queue.name);
      const auth = new k8s.apiextensions.CustomResource(
        `${name}-${queue.name}-auth`,
        {
          apiVersion: KEDA_API_VERSION,
          kind: "TriggerAuthentication",
          metadata: { name: authName, namespace: args.namespace },
          spec: triggerAuthenticationSpec(),
        },
        k8sOpts,
      );
      const scaled = new k8s.apiextensions.CustomResource(
        `${name}-${queue.name}`,
        {
          apiVersion: KEDA_API_VERSION,
          kind: "ScaledObject",
          metadata: { name: queue.name, namespace: args.namespace, labels: { queue: queue.name } },
          spec: pulumi
            .output(url)
            .apply((queueUrl) => scaledObjectSpec({ scaling: queue.scaling, queueUrl, region: args.region, authenticationName: authName })),
        },
        { ...k8sOpts, dependsOn: [args.keda, auth] },
      );
      this.scaledObjectNames[queue.name] = scaled.metadata.name;
    }
    this.registerOutputs({});
  }
}
