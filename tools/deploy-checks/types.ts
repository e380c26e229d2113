/**
 * Deploy checks: what the real APIs need at the moment the engine creates each resource, checked
 * against the offline plan. A config error stops a plan before any resource exists (exit 2); a
 * finding here means the plan is well-formed but its first `pulumi up` would fail (exit 1).
 */
import { Plan } from "../engine/model";

export interface DeployFinding {
  /** The check that found it (kebab-case, as in DEPLOY_CHECKS). */
  readonly check: string;
  /** Engine URN of the resource whose creation would fail. */
  readonly resource: string;
  /** Engine URN of the other resource involved: what it needs, or what it should wait for. */
  readonly related?: string;
  /** What will happen at deploy time, in the API's or the provider's words where known. */
  readonly atDeploy: string;
  /** What to change; names the stack config key path when one controls it. */
  readonly fix: string;
}

/** The order in which the engine creates a plan's resources. */
export interface CreationOrder {
  /**
   * Every resource that has finished creating before `urn` starts: its explicit and input
   * dependencies, transitively; a dependency on a component waits for all of its children; a
   * parent that is a component is not waited for (only a custom parent is).
   */
  prerequisites(urn: string): ReadonlySet<string>;
  /** True when `before` has finished creating before `after` starts. */
  precedes(before: string, after: string): boolean;
}

export interface DeployCheckContext {
  readonly plan: Plan;
  readonly order: CreationOrder;
}

export interface DeployCheck {
  /** kebab-case, unique. */
  readonly name: string;
  /** One line: what must hold at deploy time, and the source that says so. */
  readonly description: string;
  run(context: DeployCheckContext): readonly DeployFinding[];
}
