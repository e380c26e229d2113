import assert from "node:assert/strict";
import fc from "fast-check";
import { edgeDefaults } from "../../components/config/tiers/edge";
import { EdgePlan, MANAGED_POLICIES, READ_METHODS, checkEdgePlan, edgeNotices, planEdge } from "../../components/edge/edge-plan";
import { RESIDENCY_ZONES } from "../../policies/residency-zones";

const prodRegions = [
  { region: "us-east-1", zone: "us" },
  { region: "us-west-2", zone: "us" },
  { region: "eu-west-1", zone: "eu" },
  { region: "eu-central-1", zone: "eu" },
];
const settings = edgeDefaults.prod;

/** Any stack: 1-3 regions from each of 1-4 zones. */
const stacks = fc
  .subarray(Object.entries(RESIDENCY_ZONES), { minLength: 1, maxLength: 4 })
  .chain((zones) =>
    fc.tuple(
      ...zones.map(([zone, regions]) =>
        fc
          .subarray([...regions], { minLength: 1, maxLength: Math.min(3, regions.length) })
          .map((rs) => rs.map((region) => ({ region, zone }))),
      ),
    ),
  )
  .map((groups) => groups.flat());

describe("edge plan (pure)", () => {
  it("plans one origin per region, a failover group per two-region zone, and API origins per zone with a hosted zone", () => {
    const plan = planEdge(prodRegions, settings, { zoneHostnames: true });
    assert.deepEqual(
      plan.origins.map((o) => o.id),
      ["region-us-east-1", "region-us-west-2", "region-eu-west-1", "region-eu-central-1", "api-us", "api-eu"],
    );
    assert.deepEqual(
      plan.originGroups.map((g) => [g.id, ...g.members]),
      [
        ["failover-us", "region-us-east-1", "region-us-west-2"],
        ["failover-eu", "region-eu-west-1", "region-eu-central-1"],
      ],
    );
    assert.deepEqual(checkEdgePlan(plan), []);
  });

  it("sends API paths to the zone's first region without a hosted zone, and single-region zones get no group", () => {
    const plan = planEdge([...prodRegions.slice(0, 2), { region: "eu-west-2", zone: "uk" }], settings, { zoneHostnames: false });
    const api = plan.orderedBehaviours.filter((b) => b.kind === "api");
    assert.deepEqual(
      api.map((b) => [b.pathPattern, b.target]),
      [
        ["/us/api/*", "region-us-east-1"],
        ["/uk/api/*", "region-eu-west-2"],
      ],
    );
    assert.deepEqual(
      plan.originGroups.map((g) => g.id),
      ["failover-us"],
    );
    assert.equal(plan.orderedBehaviours.find((b) => b.pathPattern === "/uk/*")?.target, "region-eu-west-2");
    assert.deepEqual(checkEdgePlan(plan), []);
  });

  it("for any stack: groups stay in one zone, write behaviours never target a group, API paths are uncached and zone-bound", () => {
    fc.assert(
      fc.property(stacks, fc.boolean(), (regions, zoneHostnames) => {
        const plan = planEdge(regions, settings, { zoneHostnames });
        assert.deepEqual(checkEdgePlan(plan), []);
        const zoneOf = new Map(plan.origins.map((o) => [o.id, o.zone]));
        for (const group of plan.originGroups) {
          assert.equal(group.members.length, 2);
          for (const member of group.members) assert.equal(zoneOf.get(member), group.zone);
        }
        const groups = new Set(plan.originGroups.map((g) => g.id));
        for (const b of [...plan.orderedBehaviours, plan.defaultBehaviour]) {
          if (groups.has(b.target))
            assert.ok(
              b.allowedMethods.every((m) => (READ_METHODS as readonly string[]).includes(m)),
              b.pathPattern,
            );
          if (b.kind === "api") {
            assert.equal(b.cachePolicyId, MANAGED_POLICIES.cachingDisabled);
            assert.equal(zoneOf.get(b.target), b.zone);
          } else assert.equal(b.cachePolicyId, MANAGED_POLICIES.cachingOptimized);
        }
      }),
    );
  });

  it("rejects a plan whose write behaviour targets an origin group, or whose group crosses zones", () => {
    const plan = planEdge(prodRegions, settings, { zoneHostnames: true });
    const broken: EdgePlan = {
      ...plan,
      originGroups: [{ id: "failover-us", zone: "us", members: ["region-us-east-1", "region-eu-west-1"] }, plan.originGroups[1]],
      orderedBehaviours: plan.orderedBehaviours.map((b) => (b.pathPattern === "/eu/api/*" ? { ...b, target: "failover-eu" } : b)),
    };
    assert.deepEqual(checkEdgePlan(broken), [
      "origin group failover-us mixes residency zones (region-us-east-1, region-eu-west-1); failover must stay within zone us",
      "behaviour /eu/api/* allows DELETE, PATCH, POST, PUT but targets origin group failover-eu; CloudFront allows only GET, HEAD, OPTIONS there",
    ]);
  });

  it("says what is weaker without a domain, a hosted zone or a WAF", () => {
    const dev = edgeNotices(edgeDefaults.dev);
    assert.equal(dev.length, 3);
    assert.match(dev[0], /plain HTTP/);
    assert.match(dev[1], /no Route 53 hosted zone/);
    assert.match(dev[2], /no WAF/);
    assert.deepEqual(
      edgeNotices({ ...settings, domain: "example.com", hostedZoneId: "Z0123456789EXAMPLEABC", certificate: { strategy: "acm-dns" } }),
      [],
    );
  });
});
