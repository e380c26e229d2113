import * as pulumi from "@pulumi/pulumi";
import { PlatformConfig, resolvePlatformConfig } from "./stack-config";

export * from "./stack-config";
export { ConfigError } from "./errors";

/**
 * Reads the stack's `<project>:` config once, from whichever engine runs the program (the Pulumi
 * CLI or the offline plan), and returns the validated model. The only place that reads config.
 */
export function loadPlatformConfig(): PlatformConfig {
  const project = pulumi.getProject();
  const prefix = `${project}:`;
  const values: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(prefix)) values[key.slice(prefix.length)] = parseConfigValue(text);
  }
  return resolvePlatformConfig({ project, stack: pulumi.getStack(), values });
}

/** The engine passes structured values as JSON text and plain values as strings. */
function parseConfigValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
