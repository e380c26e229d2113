/** The contract every per-type mock follows. */

export interface MockResourceContext {
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** Engine-shaped URN; the seed of every generated id, so plans are reproducible. */
  readonly urn: string;
  /** Region of the resource's provider ("us-east-1" for providers without a region). */
  readonly region: string;
  readonly account: string;
  /** Inputs with secrets unwrapped. */
  readonly inputs: Readonly<Record<string, any>>;
}

export interface MockResourceResult {
  /** Physical id; defaults to a deterministic id derived from the URN. */
  readonly id?: string;
  /** Outputs the provider would compute; merged over the inputs. */
  readonly outputs?: Readonly<Record<string, unknown>>;
}

export type MockResourceHandler = (ctx: MockResourceContext) => MockResourceResult;

export interface MockInvokeContext {
  readonly token: string;
  readonly inputs: Readonly<Record<string, any>>;
  readonly region: string;
  readonly account: string;
}

export type MockInvokeHandler = (ctx: MockInvokeContext) => Record<string, unknown>;

export interface MockSet {
  readonly resources: Readonly<Record<string, MockResourceHandler>>;
  readonly invokes?: Readonly<Record<string, MockInvokeHandler>>;
}
