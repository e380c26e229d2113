/** Provider resources: configuration the engine holds, not cloud resources. */
import { hex } from "../../engine/ids";
import { TypeEntry, none } from "../types";

export const AWS_PROVIDER = "pulumi:providers:aws";
export const KUBERNETES_PROVIDER = "pulumi:providers:kubernetes";
export const RANDOM_PROVIDER = "pulumi:providers:random";

const provider = (type: string, page: string): TypeEntry => ({
  type,
  mock: (ctx) => ({ id: hex(ctx.urn, 36), outputs: {} }),
  mockSources: [page],
  validation: none("checked by the provider plugin against credentials at deploy time; nothing offline can check them"),
  creation: { seconds: 0, source: `${page} (configured in the engine, no cloud call)` },
  price: none("configuration only: no charge"),
  replacement: none("a provider is configuration: changing it can replace the resources it manages, not itself"),
  data: none("holds no data"),
});

export const PROVIDER_ENTRIES: readonly TypeEntry[] = [
  provider(AWS_PROVIDER, "https://www.pulumi.com/registry/packages/aws/api-docs/provider/"),
  provider(KUBERNETES_PROVIDER, "https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/"),
  provider(RANDOM_PROVIDER, "https://www.pulumi.com/registry/packages/random/api-docs/provider/"),
];
