import { CATALOGUE_MOCKS } from "../../catalogue";
import { coreMocks } from "./core";
import { residencyTypeMocks } from "./residency-types";
import { MockInvokeHandler, MockResourceHandler, MockSet } from "./types";

export * from "./types";

/**
 * Every mock the engine knows: the resource-type catalogue's (tools/catalogue), then any further
 * set (a tier's new types before they are folded into the catalogue: residency-types.ts holds the
 * types the residency pack reads that the program does not declare). A custom resource type or
 * invoke missing here fails the plan loudly.
 */
const MOCK_SETS: readonly MockSet[] = [CATALOGUE_MOCKS, coreMocks, residencyTypeMocks];

export const RESOURCE_MOCKS: Readonly<Record<string, MockResourceHandler>> = Object.assign({}, ...MOCK_SETS.map((s) => s.resources));
export const INVOKE_MOCKS: Readonly<Record<string, MockInvokeHandler>> = Object.assign({}, ...MOCK_SETS.map((s) => s.invokes ?? {}));
