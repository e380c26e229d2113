/**
 * Plans one component alone, the aws-cdk `Template` way: the component is declared with minimal
 * args (see the builders in ./fixtures) under the very same offline engine and catalogue mocks
 * the program runs on, with an explicit regional provider and default providers refused as the
 * project refuses them, and its resources come back as a plan. No stack file is read, so a test of
 * one component does not change when a committed stack's config does.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DISABLE_DEFAULT_PROVIDERS } from "../../tools/engine/default-providers";
import { OFFLINE_ACCOUNT_ID } from "../../tools/engine/ids";
import { Plan, PlannedResource } from "../../tools/engine/model";
import { planLoadedStack } from "../../tools/engine/run";
import { LoadedStack } from "../../tools/engine/stack-files";
import { reveal } from "../../tools/engine/values";
import { inputsOf, outputsOf } from "./plan";

/** What a component under test is declared with. */
export interface ComponentScope {
  /** The region of the default scope, e.g. "eu-west-1". */
  readonly region: string;
  readonly accountId: string;
  /** Options placing a component in `region` (its AWS provider, explicitly). */
  readonly opts: pulumi.ComponentResourceOptions;
  /** Options placing a component in another region (one provider per region, created once). */
  optsIn(region: string): pulumi.ComponentResourceOptions;
}

export interface ComponentPlanOptions {
  /** @default "eu-west-1" */
  readonly region?: string;
}

/** The plan of one component, with readers in the aws-cdk `Template` spirit. */
export class ComponentPlan {
  constructor(public readonly plan: Plan) {}

  /** What `declare` returned, resolved (secrets revealed). */
  get outputs(): Record<string, any> {
    return reveal(this.plan.outputs) as Record<string, any>;
  }

  /** Every resource of a type (custom or component). */
  resources(type: string): PlannedResource[] {
    return this.plan.resources.filter((r) => r.type === type);
  }

  /** The one resource of a type (whose logical name ends with `nameSuffix`, if given). */
  one(type: string, nameSuffix = ""): PlannedResource {
    const found = this.resources(type).filter((r) => r.name.endsWith(nameSuffix));
    if (found.length !== 1) throw new Error(`expected one ${type}${nameSuffix ? ` named *${nameSuffix}` : ""}, found ${found.length}`);
    return found[0];
  }

  inputs(resource: PlannedResource): Record<string, any> {
    return inputsOf(resource);
  }

  outputsOf(resource: PlannedResource): Record<string, any> {
    return outputsOf(resource);
  }
}

/**
 * Plans what `program` registers, with no stack file: the project's name, an in-memory stack and
 * default providers refused for the packages Pulumi.yaml refuses them for. What `program` returns
 * becomes the plan's outputs.
 */
export function planProgram(program: () => Promise<Record<string, unknown>>): Promise<Plan> {
  const loaded: LoadedStack = {
    project: "platform",
    stack: "component",
    stackFile: "(component harness)",
    stackPath: "",
    config: { [DISABLE_DEFAULT_PROVIDERS]: JSON.stringify(["aws", "kubernetes"]) },
    secretKeys: [],
    secureKeys: [],
  };
  return planLoadedStack(loaded, OFFLINE_ACCOUNT_ID, program);
}

/**
 * Plans what `declare` registers and returns its resources; whatever `declare` returns becomes the
 * plan's outputs (so a test reads a component's Outputs resolved).
 */
export async function planComponent(
  declare: (scope: ComponentScope) => Record<string, unknown> | void,
  options: ComponentPlanOptions = {},
): Promise<ComponentPlan> {
  const region = options.region ?? "eu-west-1";
  const plan = await planProgram(async () => {
    const providers = new Map<string, aws.Provider>();
    const optsIn = (name: string): pulumi.ComponentResourceOptions => {
      let provider = providers.get(name);
      if (provider === undefined) {
        provider = new aws.Provider(`aws-${name}`, { region: name as aws.Region, defaultTags: { tags: { stack: "component" } } });
        providers.set(name, provider);
      }
      return { providers: { aws: provider } };
    };
    return declare({ region, accountId: OFFLINE_ACCOUNT_ID, opts: optsIn(region), optsIn }) ?? {};
  });
  return new ComponentPlan(plan);
}
