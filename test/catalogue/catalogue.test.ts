import { strict as assert } from "node:assert";
import { SUPPORTED_VERSIONS } from "../../components/config/tiers/cache";
import { PROTECTED_TYPES } from "../../policies/lib/protected-types";
import { CACHE_ENGINE_VERSIONS } from "../../tools/catalogue/aws/elasticache";
import { CATALOGUE, INVOKES, TypeEntry, none } from "../../tools/catalogue";
import { factsWithoutSources, protectedInProd, uncataloguedTypes } from "../../tools/catalogue/audit";
import { INVOKE_MOCKS, RESOURCE_MOCKS } from "../../tools/engine/mocks";
import { Plan } from "../../tools/engine/model";
import { REPO, committedPlan } from "../helpers/plan";

const ENTRIES = Object.values(CATALOGUE);

describe("catalogue: one entry per resource type, every fact sourced", () => {
  for (const stack of ["dev", "prod"] as const) {
    it(`has an entry with a mock for every type the committed ${stack} plan declares`, async () => {
      assert.deepEqual(uncataloguedTypes(await committedPlan(stack)), []);
    });
  }

  it("finds a declared type the catalogue lacks", async () => {
    const plan = await committedPlan("dev");
    const planted: Plan = {
      ...plan,
      resources: [
        ...plan.resources,
        { ...plan.resources[plan.resources.length - 1], type: "aws:opensearch/domain:Domain", custom: true, urn: "urn:planted" },
      ],
    };
    assert.deepEqual(uncataloguedTypes(planted), ["aws:opensearch/domain:Domain"]);
  });

  it("gives every fact of every entry a source, or an explicit none with a reason", () => {
    assert.deepEqual(factsWithoutSources(ENTRIES, REPO), []);
  });

  it("finds an entry fact without a source", () => {
    const entry = CATALOGUE["aws:sqs/queue:Queue"];
    const planted: TypeEntry[] = [
      { ...entry, type: "planted:no-price-source", price: { tier: "x", monthly: () => ({ usd: 0, item: "x" }), sources: [] } },
      { ...entry, type: "planted:empty-none", data: none("") },
      {
        ...entry,
        type: "planted:rule-without-source",
        validation: [{ property: "name", rule: "a rule", sources: [], check: () => undefined }],
      },
      { ...entry, type: "planted:missing-file", mockSources: ["policies/no-such-file.ts"] },
    ];
    assert.deepEqual(factsWithoutSources(planted, REPO), [
      "planted:no-price-source: price",
      "planted:empty-none: data",
      "planted:rule-without-source: validation[0] name",
      "planted:missing-file: mock",
    ]);
  });

  it("accepts in config only cache engine versions the catalogue says ElastiCache offers", () => {
    const beyond = (accepted: Record<string, readonly string[]>) =>
      Object.entries(accepted).flatMap(([engine, versions]) =>
        versions.filter((v) => !(CACHE_ENGINE_VERSIONS[engine] ?? []).includes(v)).map((v) => `${engine} ${v}`),
      );
    assert.deepEqual(beyond(SUPPORTED_VERSIONS), []);
    // Planted: a version config would accept that AWS does not offer.
    assert.deepEqual(beyond({ ...SUPPORTED_VERSIONS, valkey: [...SUPPORTED_VERSIONS.valkey, "9.9"] }), ["valkey 9.9"]);
  });

  it("marks protected in prod exactly the types the policy pack protects (the pack keeps its own list)", () => {
    assert.deepEqual(protectedInProd(ENTRIES), [...PROTECTED_TYPES].sort());
  });

  it("is where the engine takes its mocks from, and names every invoke the engine can answer", () => {
    for (const entry of ENTRIES) if (typeof entry.mock === "function") assert.equal(RESOURCE_MOCKS[entry.type], entry.mock, entry.type);
    assert.deepEqual(Object.keys(INVOKE_MOCKS).sort(), Object.keys(INVOKES).sort());
    for (const invoke of Object.values(INVOKES))
      assert.ok(
        invoke.mockSources.every((s) => s.startsWith("https://")),
        invoke.token,
      );
  });
});
