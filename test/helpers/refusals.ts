/**
 * Plants resources under the very same offline engine and mocks the program runs on, without the
 * program: for tests of what AWS refuses (the catalogue's input rules).
 */
import * as pulumi from "@pulumi/pulumi";
import { RefusedInputsError, Refusal } from "../../tools/catalogue/validate";
import { Plan } from "../../tools/engine/model";
import { planProgram } from "./component";

/** A custom resource of any type with raw inputs, as the engine registers it. */
export class Planted extends pulumi.CustomResource {
  constructor(type: string, name: string, inputs: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    super(type, name, inputs, opts);
  }
}

/** An input that resolves once `resource` is registered, so rules reading it find it. */
export function after<T>(resource: pulumi.Resource, value: T): pulumi.Output<T> {
  return resource.urn.apply(() => value);
}

/** Plans what `declare` registers (no stack file, see planProgram) and returns the plan or the refusals. */
export async function plantAndPlan(declare: () => void): Promise<{ plan?: Plan; refusals: readonly Refusal[] }> {
  try {
    const plan = await planProgram(async () => {
      declare();
      return {};
    });
    return { plan, refusals: [] };
  } catch (error) {
    if (error instanceof RefusedInputsError) return { refusals: error.refusals };
    throw error;
  }
}
