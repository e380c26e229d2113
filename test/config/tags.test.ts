/**
 * Stack tags: AWS's limits enforced at config time, and the tags the policies trust never
 * overridden from config (issue 13).
 */
import { strict as assert } from "node:assert";
import { MAX_STACK_TAGS, RESERVED_FOR_PROGRAM } from "../../components/config/tiers/tags";
import { PLATFORM_TAG_KEYS } from "../../policies/lib/settings";
import { committedPlan, inputsOf } from "../helpers/plan";
import { minimal, rejects, resolve } from "./helpers";

const withTags = (extra: Record<string, unknown>) => ({ ...minimal(), tags: { team: "platform", "cost-center": "eng", ...extra } });

describe("stack config: tags", () => {
  it("may not override a tag the platform sets and the policies trust", () => {
    for (const key of PLATFORM_TAG_KEYS) {
      rejects(
        withTags({ [key]: "x" }),
        `platform:tags.${key}`,
        /^is set by the platform on every resource .* a stack may not override it: remove this tag$/,
      );
    }
  });

  it("follow AWS's tag rules: aws: prefix, lengths, characters, count", () => {
    rejects(
      withTags({ "aws:owner": "me" }),
      'platform:tags["aws:owner"]',
      'tag keys may not start with "aws:" in any case: AWS reserves that prefix',
    );
    rejects(withTags({ "AWS:owner": "me" }), 'platform:tags["AWS:owner"]', /may not start with "aws:"/);
    rejects(
      withTags({ owner: "aws:me" }),
      "platform:tags.owner",
      'tag values may not start with "aws:" in any case: AWS reserves that prefix',
    );
    rejects(withTags({ ["k".repeat(129)]: "v" }), `platform:tags.${"k".repeat(129)}`, "tag keys must be 1-128 characters, got 129");
    rejects(withTags({ owner: "v".repeat(257) }), "platform:tags.owner", "tag values must be at most 256 characters, got 257");
    rejects(
      withTags({ "owner#1": "v" }),
      'platform:tags["owner#1"]',
      /^the key contains "#" \(U\+0023\) at position 6; AWS allows letters, digits, spaces/,
    );
    rejects(withTags({ owner: 42 }), "platform:tags.owner", "must be a string (quote numbers and booleans in YAML), got 42");
    const many = Object.fromEntries(Array.from({ length: MAX_STACK_TAGS - 1 }, (_, i) => [`t${i}`, "v"]));
    rejects(withTags(many), "platform:tags", new RegExp(`^has ${MAX_STACK_TAGS + 1} keys; at most ${MAX_STACK_TAGS} are allowed`));
  });

  it("accepts Unicode letters, spaces and AWS's symbols, and the most tags allowed", () => {
    const tags = { "Kostenstelle Zürich": "Prüfung + Betrieb", "a/b.c:d=e+f-g@h_i": "" };
    assert.deepEqual(resolve(withTags(tags)).tags["Kostenstelle Zürich"], "Prüfung + Betrieb");
    const most = Object.fromEntries(Array.from({ length: MAX_STACK_TAGS - 2 }, (_, i) => [`t${i}`, "v"]));
    assert.equal(Object.keys(resolve(withTags(most)).tags).length, MAX_STACK_TAGS);
  });

  for (const stack of ["dev", "prod"] as const) {
    it(`${stack}: no resource sets more own tags than the reserve, so stack tags + platform tags + own tags fit in AWS's 50`, async () => {
      const plan = await committedPlan(stack);
      let most = 0;
      for (const resource of plan.resources) {
        const tags = inputsOf(resource).tags;
        if (tags !== null && typeof tags === "object") most = Math.max(most, Object.keys(tags).length);
      }
      assert.ok(most > 0 && most <= RESERVED_FOR_PROGRAM, `a resource sets ${most} own tags`);
      assert.equal(MAX_STACK_TAGS + PLATFORM_TAG_KEYS.length + RESERVED_FOR_PROGRAM, 50);
    });
  }
});
