import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ConfigError } from "../../components/config/errors";
import { PlatformConfig, resolvePlatformConfig } from "../../components/config/stack-config";
import { Cidr, cidr } from "../../policies/lib/cidr";
import { LoadedStack, listStacks, loadStack } from "../engine/stack-files";
import { CloneError } from "./errors";

/** The address space a committed stack occupies: its supernet and every VPC CIDR it resolves to. */
export interface StackNetwork {
  readonly stack: string;
  readonly stackFile: string;
  readonly supernet: Cidr;
  readonly vpcs: readonly { readonly region: string; readonly cidr: Cidr; readonly text: string }[];
}

/** The `platform:` values of a loaded stack, parsed the way the program parses them. */
export function valuesOf(loaded: LoadedStack): Record<string, unknown> {
  const prefix = `${loaded.project}:`;
  const values: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(loaded.config)) {
    if (!key.startsWith(prefix)) continue;
    try {
      values[key.slice(prefix.length)] = JSON.parse(text);
    } catch {
      values[key.slice(prefix.length)] = text;
    }
  }
  return values;
}

/** Loads and validates a committed stack with the program's own config model. */
export function resolveStack(dir: string, stack: string): { loaded: LoadedStack; config: PlatformConfig } {
  const loaded = loadStack(dir, stack);
  const config = resolvePlatformConfig({ project: loaded.project, stack, stackFile: loaded.stackFile, values: valuesOf(loaded) });
  return { loaded, config };
}

function networkOf(config: PlatformConfig): StackNetwork {
  return {
    stack: config.stack,
    stackFile: config.stackFile,
    supernet: cidr(config.supernet),
    vpcs: config.regions.map((r) => ({ region: r.region, cidr: cidr(r.cidr), text: r.cidr })),
  };
}

/**
 * The networks of every stack file in `dir`. A stack that does not validate is a refusal: its
 * CIDRs are unknown, so no clone can promise not to overlap them.
 */
export function committedNetworks(dir: string): StackNetwork[] {
  return listStacks(dir).map((stack) => {
    try {
      return networkOf(resolveStack(dir, stack).config);
    } catch (error) {
      if (error instanceof ConfigError) {
        throw new CloneError(
          `cannot tell which CIDRs ${error.stackFile} uses, because it does not validate; fix it first:\n${error.message}`,
        );
      }
      throw error;
    }
  });
}

/**
 * Validates stack file text as the program would see it: written next to a copy of Pulumi.yaml in
 * a scratch directory, loaded by the engine's loader, resolved by the config model.
 */
export function validateStackText(dir: string, stack: string, text: string): PlatformConfig {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "platform-clone-"));
  try {
    fs.copyFileSync(path.join(dir, "Pulumi.yaml"), path.join(scratch, "Pulumi.yaml"));
    fs.writeFileSync(path.join(scratch, `Pulumi.${stack}.yaml`), text);
    return resolveStack(scratch, stack).config;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
