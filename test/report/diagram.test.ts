import assert from "node:assert/strict";
import { buildDiagram } from "../../tools/report/diagram";
import { T, regionsOf } from "../../tools/report/resources";
import { committedPlan } from "../helpers/plan";
import { PROD_REGIONS, syntheticPlan } from "./fixtures";

describe("report: architecture diagram", () => {
  const plan = syntheticPlan(PROD_REGIONS);
  const diagram = buildDiagram(plan);
  const labels = (from: string) => diagram.links.filter((l) => l.from.startsWith(from)).map((l) => l.label);

  it("draws every zone and region as a subgraph, regions inside their zone", () => {
    for (const zone of ["us", "eu"]) assert.match(diagram.mermaid, new RegExp(`subgraph zone_${zone}\\["zone ${zone}"\\]`));
    for (const { region } of PROD_REGIONS)
      assert.match(diagram.mermaid, new RegExp(`subgraph region_${region.replace(/-/g, "_")}\\["${region}"\\]`));
    const usZone = diagram.mermaid.split("subgraph zone_us")[1].split(/subgraph zone_|-->|-\.->/)[0];
    assert.ok(usZone.includes('"us-east-1"') && usZone.includes('"us-west-2"') && !usZone.includes('"eu-west-1"'));
  });

  it("links CDN -> every regional ALB -> cluster -> database, cache and queues", () => {
    const cdn = diagram.nodes.find((n) => n.label.startsWith("CloudFront"))!;
    const origins = diagram.links.filter((l) => l.from === cdn.id && l.label === "origin").map((l) => l.to);
    assert.deepEqual(origins.sort(), PROD_REGIONS.map((r) => `${r.region.replace(/-/g, "_")}_alb0`).sort());
    for (const { region } of PROD_REGIONS) {
      const key = region.replace(/-/g, "_");
      assert.deepEqual(
        labels(`${key}_alb0`).filter((l) => l !== "failover"),
        ["routes to"],
      );
      const uses = diagram.links.filter((l) => l.from === `${key}_eks0` && l.label === "uses").map((l) => l.to);
      for (const target of [`${key}_db0`, `${key}_cache0`, `${key}_sqs`])
        assert.ok(uses.includes(target), `${region}: cluster -> ${target}`);
    }
    assert.ok(
      diagram.links.some((l) => l.label === "protects" && l.to === cdn.id),
      "WAF protects the CDN",
    );
    assert.ok(
      diagram.links.some((l) => l.label === "alias" && l.to === cdn.id),
      "DNS aliases the CDN",
    );
  });

  it("links each DR replica to its source primary across regions, and origin groups as failover", () => {
    for (const { region, drOf } of PROD_REGIONS) {
      const link = diagram.links.find((l) => l.label === "DR replica" && l.to === `${region.replace(/-/g, "_")}_dr0`);
      assert.ok(link, `DR link into ${region}`);
      assert.equal(link.from, `${drOf!.replace(/-/g, "_")}_db0`);
      assert.equal(link.crossRegion, true);
      assert.ok(diagram.mermaid.includes(`${link.from} -.->|DR replica| ${link.to}`));
      assert.ok(diagram.nodes.some((n) => n.label === `RDS DR replica<br>of ${drOf}` && n.region === region));
    }
    const failover = diagram.links.filter((l) => l.label === "failover").map((l) => `${l.from}>${l.to}`);
    assert.deepEqual(failover, ["us_east_1_alb0>us_west_2_alb0", "eu_west_1_alb0>eu_central_1_alb0"]);
    assert.equal(diagram.links.filter((l) => l.label === "read replica").length, PROD_REGIONS.length);
  });

  it("summarises queues and their DLQs in one node per region", () => {
    const sqs = diagram.nodes.find((n) => n.id === "us_east_1_sqs")!;
    assert.equal(sqs.label, "SQS x4<br>orders, order-events + 2 DLQ");
  });

  it("tolerates a plan without any tier but networks", () => {
    const bare = syntheticPlan([{ region: "eu-west-1", zone: "eu" }], { edge: false });
    const vpcsOnly = { ...bare, resources: bare.resources.filter((r) => !r.type.startsWith("aws:")) };
    const d = buildDiagram(vpcsOnly);
    assert.deepEqual(d.links, []);
    assert.match(d.mermaid, /eu_west_1_vpc0\["VPC<br>10\.0\.0\.0\/16"\]/);
  });

  it("on committed prod: shows Karpenter's interruption queue beside its cluster, apart from the application queues", async () => {
    const prod = await committedPlan("prod");
    const d = buildDiagram(prod);
    for (const region of regionsOf(prod)) {
      const key = region.replace(/-/g, "_");
      const events = d.nodes.find((n) => n.id === `${key}_events0`)!;
      assert.equal(events.label, "SQS interruption queue<br>Karpenter, fed by EventBridge");
      assert.ok(
        d.links.some((l) => l.from === events.id && l.to === `${key}_eks0` && l.label === "interruptions"),
        region,
      );
      const app = d.nodes.find((n) => n.id === `${key}_sqs`)!;
      assert.doesNotMatch(app.label, /interruption/);
      assert.match(app.label, /^SQS x4<br>/, "two application queues and their DLQs only");
    }
  });

  it("on committed prod: names every region and draws a DR link for every cross-region replica", async () => {
    const prod = await committedPlan("prod");
    const d = buildDiagram(prod);
    for (const region of regionsOf(prod)) assert.ok(d.mermaid.includes(`["${region}"]`), region);
    // Each region sits in its own residency zone's subgraph, us-east-1 too (the CDN's provider
    // shares its region but serves global services).
    for (const [zone, regions] of [
      ["us", ["us-east-1", "us-west-2"]],
      ["eu", ["eu-west-1", "eu-central-1"]],
    ] as const) {
      const block = d.mermaid.split(`subgraph zone_${zone}[`)[1]?.split(/\n {2}subgraph zone_|\n {2}\w+ -->/)[0] ?? "";
      for (const region of regions) assert.ok(block.includes(`["${region}"]`), `${region} in zone ${zone}`);
    }
    assert.doesNotMatch(d.mermaid, /zone global/);
    const dr = prod.resources.filter(
      (r) => r.type === T.rdsInstance && d.nodes.find((n) => n.urns.includes(r.urn))?.label.startsWith("RDS DR"),
    );
    const cdn = d.nodes.find((n) => n.label.startsWith("CloudFront"));
    if (cdn) {
      for (const alb of d.nodes.filter((n) => n.label.startsWith("ALB")))
        assert.ok(
          d.links.some((l) => l.from === cdn.id && l.to === alb.id && l.label === "origin"),
          `CDN -> ${alb.id}`,
        );
    }
    for (const replica of dr)
      assert.ok(
        d.links.some((l) => l.label === "DR replica" && d.nodes.find((n) => n.id === l.to)!.urns.includes(replica.urn)),
        replica.name,
      );
  });
});
