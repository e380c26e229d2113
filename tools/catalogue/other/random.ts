/** The random provider: values computed by its plugin, locally, with no cloud call. */
import { alnum, hex } from "../../engine/ids";
import { MockResourceContext } from "../../engine/mocks/types";
import { TypeEntry, none } from "../types";

export const RANDOM_ID = "random:index/randomId:RandomId";
export const RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";

const LOCAL = { seconds: 0, source: "https://www.pulumi.com/registry/packages/random/ (computed by the provider plugin locally)" };
const FREE = none("computed locally: no cloud resource, no charge");
const NO_DATA = none("a generated value: stored in the Pulumi state, regenerated only when its inputs change");

/** A password honouring the requested length and character classes, derived from the URN. */
function password(ctx: MockResourceContext): string {
  const length = Number(ctx.inputs.length ?? 16);
  const specials = ctx.inputs.special === false ? "" : String(ctx.inputs.overrideSpecial ?? "!@#$%&*()-_=+[]{}<>:?");
  const classes = ["ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz", "0123456789", specials].filter((c) => c !== "");
  const bytes = Buffer.from(hex(ctx.urn + "/password", length * 2), "hex");
  return Array.from(bytes.subarray(0, length), (b, i) => {
    const set = classes[i % classes.length];
    return set[b % set.length];
  }).join("");
}

export const RANDOM_ENTRIES: readonly TypeEntry[] = [
  {
    type: RANDOM_ID,
    // Random bytes derived from the URN, in every encoding the provider reports; the id is b64Url.
    mock: (ctx) => {
      const bytes = Buffer.from(hex(ctx.urn + "/random-id", Number(ctx.inputs.byteLength ?? 8) * 2), "hex");
      const b64Url = bytes.toString("base64url");
      const prefix = ctx.inputs.prefix ?? "";
      return {
        id: b64Url,
        outputs: {
          hex: `${prefix}${bytes.toString("hex")}`,
          b64Std: `${prefix}${bytes.toString("base64")}`,
          b64Url: `${prefix}${b64Url}`,
          dec: `${prefix}${BigInt(`0x${bytes.toString("hex") || "0"}`).toString()}`,
        },
      };
    },
    mockSources: ["https://www.pulumi.com/registry/packages/random/api-docs/randomid/"],
    validation: [
      {
        property: "byteLength",
        rule: "at least 1 byte",
        sources: ["https://github.com/hashicorp/terraform-provider-random/blob/main/internal/provider/resource_id.go"],
        check: (ctx) => (typeof ctx.inputs.byteLength === "number" && ctx.inputs.byteLength < 1 ? `${ctx.inputs.byteLength}` : undefined),
      },
    ],
    creation: LOCAL,
    price: FREE,
    replacement: none("regenerated when byteLength, keepers or prefix change; holds no data"),
    data: NO_DATA,
  },
  {
    type: RANDOM_PASSWORD,
    mock: (ctx) => {
      const result = password(ctx);
      // A stand-in for the bcrypt hash: the same shape, derived from the seed, not the password.
      return { id: "none", outputs: { result, bcryptHash: `$2a$10$${alnum(ctx.urn + "/bcrypt", 53, false)}` } };
    },
    mockSources: ["https://www.pulumi.com/registry/packages/random/api-docs/randompassword/"],
    validation: [
      {
        property: "length",
        rule: "length is at least the sum of minUpper, minLower, minNumeric and minSpecial",
        sources: ["https://github.com/hashicorp/terraform-provider-random/blob/main/internal/provider/resource_password.go"],
        check: (ctx) => {
          const { length = 16, minUpper = 0, minLower = 0, minNumeric = 0, minSpecial = 0 } = ctx.inputs;
          const sum = minUpper + minLower + minNumeric + minSpecial;
          return length < sum ? `${length} is less than the ${sum} required characters` : undefined;
        },
      },
    ],
    creation: LOCAL,
    price: FREE,
    replacement: none("regenerated when its length, character rules or keepers change; holds no data"),
    data: NO_DATA,
  },
];
