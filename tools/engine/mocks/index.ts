import { computeMocks } from "./compute";
import { coreMocks } from "./core";
import { dataMocks } from "./data";
import { edgeMocks } from "./edge";
import { networkMocks } from "./network";
import { observabilityMocks } from "./observability";
import { MockInvokeHandler, MockResourceHandler, MockSet } from "./types";

export * from "./types";

/** Every tier's mocks. A custom resource type or invoke missing here fails the plan loudly. */
const MOCK_SETS: readonly MockSet[] = [coreMocks, networkMocks, computeMocks, dataMocks, edgeMocks, observabilityMocks];

export const RESOURCE_MOCKS: Readonly<Record<string, MockResourceHandler>> = Object.assign({}, ...MOCK_SETS.map((s) => s.resources));
export const INVOKE_MOCKS: Readonly<Record<string, MockInvokeHandler>> = Object.assign({}, ...MOCK_SETS.map((s) => s.invokes ?? {}));
