import { CATALOGUE_MOCKS } from "../../catalogue";
import { coreMocks } from "./core";
import { MockInvokeHandler, MockResourceHandler, MockSet } from "./types";

export * from "./types";

/**
 * Every mock the engine knows: the resource-type catalogue's (tools/catalogue), then any further
 * set (a tier's new types before they are folded into the catalogue). A custom resource type or
 * invoke missing here fails the plan loudly.
 */
const MOCK_SETS: readonly MockSet[] = [CATALOGUE_MOCKS, coreMocks];

export const RESOURCE_MOCKS: Readonly<Record<string, MockResourceHandler>> = Object.assign({}, ...MOCK_SETS.map((s) => s.resources));
export const INVOKE_MOCKS: Readonly<Record<string, MockInvokeHandler>> = Object.assign({}, ...MOCK_SETS.map((s) => s.invokes ?? {}));
