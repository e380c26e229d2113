import assert from "node:assert/strict";
import { Plan } from "../../tools/engine/model";
import { previewDocument } from "../../tools/plan/preview-json";
import { renderCounts, renderRegionTotals, renderSummary } from "../../tools/plan/render";
import { estimateMonthlyCost } from "../../tools/report/cost-estimate";
import { GLOBAL, attributedRegion, countPlan } from "../../tools/report/counts";
import { diffPlans } from "../../tools/report/diff";
import { renderMarkdownReport } from "../../tools/report/markdown";
import { committedPlan } from "../helpers/plan";

const json = (plan: Plan): Plan => JSON.parse(JSON.stringify(plan)) as Plan;

describe("report: one count and one region attribution for every output", () => {
  for (const stack of ["dev", "prod"] as const) {
    it(`${stack}: terminal, markdown, JSON and the diff of a new stack report the same totals`, async () => {
      const plan = await committedPlan(stack);
      const counts = countPlan(plan);
      const total = counts.total;
      assert.equal(total, plan.resources.length);
      assert.equal(counts.deployed + counts.providers + counts.components, total);

      // Terminal: the summary line, the per-type table's footer and the concise per-region lines.
      assert.match(
        renderSummary(plan),
        new RegExp(`\\+ ${total} to create \\(${counts.deployed} cloud resources, ${counts.providers} providers`),
      );
      assert.match(renderCounts(plan).split("\n").pop()!, new RegExp(`^total .* ${total}$`));
      assert.match(renderRegionTotals(plan).split("\n").pop()!, new RegExp(`total +${total}$`));
      const table = renderCounts(plan).split("\n").slice(1, -1);
      assert.equal(
        table.reduce((sum, line) => sum + Number(line.trim().split(/\s+/).pop()), 0),
        total,
        "the table's rows sum to its total",
      );

      // Markdown: the headline and the table's total row.
      const markdown = renderMarkdownReport(plan);
      assert.match(markdown, new RegExp(`^${total} to create \\(${counts.deployed} cloud resources`, "m"));
      assert.match(markdown, new RegExp(`^\\| \\*\\*Total\\*\\* \\|.*\\| \\*\\*${total}\\*\\* \\|$`, "m"));

      // JSON: the preview document's change summary and the counts it carries.
      const doc = JSON.parse(JSON.stringify({ ...previewDocument(plan, plan.config, plan.secretKeys), counts })) as {
        changeSummary: { create: number };
        counts: { total: number };
      };
      assert.equal(doc.changeSummary.create, total);
      assert.equal(doc.counts.total, total);

      // Diff: a new stack creates exactly what the plan counts, per column too.
      const empty: Plan = { ...plan, resources: [], outputs: {}, limitations: [] };
      const diff = diffPlans(empty, json(plan));
      assert.equal(diff.counts.create, total);
      const perColumn: Record<string, number> = {};
      for (const c of diff.changes) perColumn[c.region ?? GLOBAL] = (perColumn[c.region ?? GLOBAL] ?? 0) + 1;
      assert.deepEqual(perColumn, counts.perColumn);
    });
  }

  it("puts CloudFront, Route 53 and a CLOUDFRONT-scoped WAF under global, and a cluster's Kubernetes provider in its region", async () => {
    const plan = await committedPlan("prod");
    for (const r of plan.resources) {
      if (/^aws:(cloudfront|route53)\//.test(r.type) || r.type === "aws:wafv2/webAcl:WebAcl")
        assert.equal(attributedRegion(plan, r), GLOBAL, r.name);
      if (r.type === "pulumi:providers:kubernetes") assert.equal(attributedRegion(plan, r), r.name.replace(/-cluster-k8s$/, ""), r.name);
    }
    const routeRows = countPlan(plan).rows.find((row) => row.type === "aws:route53/record:Record")!;
    assert.deepEqual(Object.keys(routeRows.counts), [GLOBAL]);
    // The cost estimate uses the same columns.
    const costRegions = new Set(estimateMonthlyCost(plan).rows.map((r) => r.region));
    for (const region of costRegions) assert.ok(countPlan(plan).columns.includes(region), region);
  });
});
