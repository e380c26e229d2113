import assert from "node:assert/strict";
import { renderMarkdownReport } from "../../tools/report/markdown";
import { committedPlan } from "../helpers/plan";

describe("pipeline: the plan's part of the pull-request summary", () => {
  it("carries the policy results, the deploy-time and the monthly-cost estimates", async () => {
    const markdown = renderMarkdownReport(await committedPlan("dev"), { policySection: "every enabled policy passed" });
    const headings = markdown.split("\n").filter((l) => l.startsWith("## "));
    for (const heading of ["## Policy results", "## Estimated deploy time", "## Estimated monthly cost"])
      assert.ok(headings.includes(heading), heading);
    assert.match(
      markdown,
      /## Estimated monthly cost\n\n_ESTIMATE: [^\n]*leaves out [^\n]*\n\n\| Region \| Tier \| USD\/month \| Priced \|[\s\S]*\| \*\*Total\*\* \| \| \*\*\$[\d,.]+\*\* \| \|/,
    );
  });
});
