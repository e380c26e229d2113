/**
 * The delivery pipeline's promises, read from the workflow files themselves so they cannot
 * regress silently: pinned actions, least permissions per job, credentials only behind an
 * environment and after installing without scripts, the stateful-change gate, concurrency.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { REPO } from "../helpers/plan";

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
}
interface Job {
  readonly name?: string;
  readonly needs?: string | string[];
  readonly if?: string;
  readonly environment?: string;
  readonly permissions?: Record<string, string>;
  readonly concurrency?: { group: string; "cancel-in-progress": boolean };
  readonly strategy?: { matrix: unknown };
  readonly env?: Record<string, string>;
  readonly steps: Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions: Record<string, string>;
  readonly concurrency?: { group: string; "cancel-in-progress": boolean };
  readonly jobs: Record<string, Job>;
}

const DIR = path.join(REPO, ".github/workflows");
const FILES = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const text = (file: string) => fs.readFileSync(path.join(DIR, file), "utf8");
const workflow = (file: string) => parse(text(file)) as Workflow;
const allJobs = () => FILES.flatMap((file) => Object.entries(workflow(file).jobs).map(([id, job]) => ({ file, id, job })));

/**
 * Actions the workflows may use, at commits read at their source (the tag refs of each repository,
 * fetched 2026-12-02; `runs.using` from action.yml at that commit). Node 20 action runtimes are gone
 * from GitHub's runners since September 2026, so each is a major that runs on node24.
 */
const VERIFIED_ACTIONS: Record<string, { sha: string; tag: string; runtime: string }> = {
  "actions/checkout": { sha: "3d3c42e5aac5ba805825da76410c181273ba90b1", tag: "v7.0.1", runtime: "node24" },
  "actions/setup-node": { sha: "820762786026740c76f36085b0efc47a31fe5020", tag: "v7.0.0", runtime: "node24" },
  "actions/upload-artifact": { sha: "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", tag: "v7.0.0", runtime: "node24" },
  "actions/download-artifact": { sha: "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", tag: "v8.0.1", runtime: "node24" },
  "aws-actions/configure-aws-credentials": { sha: "e6de054238d6b7531b4efff3b6587d9aade6a06c", tag: "v6.2.3", runtime: "node24" },
  "pulumi/actions": { sha: "8e5e406f4007fca908480587cb9893c07090f58d", tag: "v7.0.0", runtime: "node24" },
  "pulumi/auth-actions": { sha: "141415910c3beb54e03b48e9057c204c97b956f2", tag: "v2.1.0", runtime: "node24" },
};

const CREDENTIAL_ACTIONS = ["pulumi/auth-actions", "aws-actions/configure-aws-credentials"];
const actionOf = (step: Step) => step.uses?.split("@")[0];
const usesCredentials = (job: Job) => job.steps.some((s) => CREDENTIAL_ACTIONS.includes(actionOf(s) ?? ""));
const stepIndex = (job: Job, predicate: (s: Step) => boolean) => job.steps.findIndex(predicate);

describe("pipeline: workflow files", () => {
  it("exist: pull-request.yml and deploy.yml", () => {
    assert.deepEqual(FILES.sort(), ["deploy.yml", "pull-request.yml"]);
  });

  it("pin every action by a verified commit SHA, with its tag in a comment, on a Node 24 major", () => {
    for (const file of FILES) {
      for (const line of text(file)
        .split("\n")
        .filter((l) => /^\s*(-\s+)?uses:/.test(l))) {
        const match = /uses:\s*([\w.-]+\/[\w.-]+)@([0-9a-f]{40})\s+#\s*(v\d+\.\d+\.\d+)\s*$/.exec(line);
        assert.ok(match, `${file}: not pinned by SHA with a version comment: ${line.trim()}`);
        const [, action, sha, tag] = match;
        const verified = VERIFIED_ACTIONS[action];
        assert.ok(verified, `${file}: ${action} is not in the verified table`);
        assert.deepEqual({ sha, tag }, { sha: verified.sha, tag: verified.tag }, `${file}: ${action}`);
        assert.equal(verified.runtime, "node24");
      }
    }
  });

  it("grant nothing by default and declare permissions on every job", () => {
    for (const file of FILES) assert.deepEqual(workflow(file).permissions, {}, `${file}: top-level permissions`);
    for (const { file, id, job } of allJobs()) assert.ok(job.permissions, `${file}: job ${id} declares its permissions`);
  });

  it("grant id-token: write only to jobs that exchange an OIDC token, and only behind an environment", () => {
    for (const { file, id, job } of allJobs()) {
      const oidc = job.permissions?.["id-token"] === "write";
      assert.equal(oidc, usesCredentials(job), `${file}: job ${id} id-token: write <=> an OIDC login step`);
      if (oidc) assert.ok(job.environment, `${file}: job ${id} holds credentials outside a protected environment`);
    }
  });

  it("grant pull-requests: write exactly where pulumi/actions comments on the pull request (pulumi/actions#1195)", () => {
    for (const { file, id, job } of allJobs()) {
      const comments = job.steps.some((s) => actionOf(s) === "pulumi/actions" && s.with?.["comment-on-pr"] === true);
      assert.equal(job.permissions?.["pull-requests"] === "write", comments, `${file}: job ${id}`);
    }
  });

  it("use no stored secrets: OIDC only, and the workflow token only where a step needs it", () => {
    for (const file of FILES) assert.doesNotMatch(text(file), /secrets\./, file);
    for (const { file, id, job } of allJobs()) {
      if (job.environment) continue;
      assert.doesNotMatch(JSON.stringify(job), /AWS_ROLE_ARN|PULUMI_ACCESS_TOKEN/, `${file}: job ${id} outside an environment`);
    }
  });

  it("install without scripts, from no shared cache, before any credential exists, in credentialed jobs", () => {
    for (const { file, id, job } of allJobs().filter((j) => usesCredentials(j.job))) {
      const installs = job.steps.filter((s) => /\bnpm (ci|install)\b/.test(s.run ?? ""));
      assert.ok(installs.length > 0, `${file}: job ${id} installs`);
      for (const step of installs) assert.match(step.run ?? "", /--ignore-scripts/, `${file}: job ${id}: ${step.run}`);
      const firstCredential = stepIndex(job, (s) => CREDENTIAL_ACTIONS.includes(actionOf(s) ?? ""));
      assert.ok(stepIndex(job, (s) => /\bnpm ci\b/.test(s.run ?? "")) < firstCredential, `${file}: job ${id} installs before logging in`);
      const setupNode = job.steps.find((s) => actionOf(s) === "actions/setup-node");
      assert.equal(setupNode?.with?.["package-manager-cache"], false, `${file}: job ${id} must not restore a cache`);
      assert.equal(setupNode?.with?.cache, undefined, `${file}: job ${id}`);
    }
  });

  it("check out without persisting the token, on Node 22 or later", () => {
    for (const { file, id, job } of allJobs()) {
      for (const step of job.steps) {
        if (actionOf(step) === "actions/checkout") assert.equal(step.with?.["persist-credentials"], false, `${file}: job ${id}`);
        if (actionOf(step) === "actions/setup-node") assert.ok(Number(step.with?.["node-version"]) >= 22, `${file}: job ${id}`);
      }
    }
  });

  it("run a pinned Pulumi CLI (the SDK's version), never `latest`", () => {
    for (const { file, id, job } of allJobs()) {
      for (const step of job.steps.filter((s) => actionOf(s) === "pulumi/actions")) {
        assert.equal(step.with?.["pulumi-version"], "3.248.0", `${file}: job ${id}`);
      }
    }
    const sdk = (JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { dependencies: Record<string, string> })
      .dependencies["@pulumi/pulumi"];
    assert.equal(sdk, "3.248.0");
  });

  it("read stack settings through the project's loader, never with sed", () => {
    for (const { file, id, job } of allJobs()) {
      for (const step of job.steps) assert.doesNotMatch(step.run ?? "", /\bsed\b|\bgrep\b.*Pulumi\./, `${file}: job ${id}`);
    }
  });
});

describe("pipeline: pull-request.yml", () => {
  const pr = workflow("pull-request.yml");

  it("runs on pull requests, and again on labels and reviews (which can allow a stateful change)", () => {
    assert.deepEqual(Object.keys(pr.on).sort(), ["pull_request", "pull_request_review"]);
    assert.ok((pr.on.pull_request as { types: string[] }).types.includes("labeled"));
    assert.equal(pr.concurrency?.["cancel-in-progress"], true);
  });

  it("lints, type-checks and tests", () => {
    const runs = pr.jobs.checks.steps.map((s) => s.run ?? "");
    for (const command of ["npm ci", "npx tsc -p tsconfig.json --noEmit", "npm run -s lint", "npm test"]) {
      assert.ok(
        runs.some((r) => r.startsWith(command)),
        command,
      );
    }
  });

  it("plans every stack offline with policies and diffs it against the base, in a matrix of every stack file", () => {
    assert.match(pr.jobs.stacks.steps.map((s) => s.run ?? "").join("\n"), /npm run -s stack-info -- --all/);
    assert.equal(pr.jobs.plan.strategy?.matrix, "${{ fromJSON(needs.stacks.outputs.matrix) }}");
    const plan = pr.jobs.plan.steps.find((s) => s.id === "plan")?.run ?? "";
    assert.match(plan, /npm run -s plan -- --stack "\$STACK" .*--markdown/);
    const diff = pr.jobs.plan.steps.find((s) => s.id === "diff")?.run ?? "";
    assert.match(diff, /npm run -s diff -- --stack "\$STACK" --base HEAD\^1 --json --markdown/);
    assert.equal(pr.jobs.plan.steps.find((s) => actionOf(s) === "actions/checkout")?.with?.["fetch-depth"], 0);
  });

  it("blocks a stateful delete or replace (diff exit 3) unless the gate allows it", () => {
    const gate = pr.jobs.plan.steps.find((s) => s.id === "gate") as Step;
    assert.equal(gate.if, "steps.diff.outputs.exit == '3'");
    assert.match(gate.run ?? "", /npm run -s diff-gate -- --stack "\$STACK" --diff .* --labels labels\.json --reviews reviews\.json/);
    assert.equal(pr.jobs.plan.permissions?.["pull-requests"], "read");
    const verdict = pr.jobs.plan.steps[pr.jobs.plan.steps.length - 1];
    assert.match(verdict.run ?? "", /if \[ "\$DIFF" = 3 \] && \[ "\$GATE" != 0 \]; then .*exit 1; fi/);
    assert.match(verdict.run ?? "", /if \[ "\$PLAN" != 0 \]; then .*exit 1; fi/);
  });

  it("posts one job summary with every stack's plan, diff, cost and policies", () => {
    const summary = pr.jobs.summary;
    assert.equal(summary.if, "always()");
    assert.deepEqual(summary.permissions, {});
    assert.equal(summary.steps[0].with?.pattern, "report-*");
    assert.match(summary.steps[1].run ?? "", /GITHUB_STEP_SUMMARY/);
    assert.equal(pr.jobs.plan.steps.find((s) => actionOf(s) === "actions/upload-artifact")?.with?.name, "report-${{ matrix.stack }}");
  });

  it("previews with credentials only behind the preview environment, never for forks or review events", () => {
    const preview = pr.jobs.preview;
    assert.equal(preview.environment, "preview");
    assert.match(preview.if ?? "", /github\.event_name == 'pull_request'/);
    assert.match(preview.if ?? "", /github\.event\.pull_request\.head\.repo\.full_name == github\.repository/);
    const step = preview.steps.find((s) => actionOf(s) === "pulumi/actions") as Step;
    assert.equal(step.with?.command, "preview");
    assert.equal(step.with?.policyPacks, "policies");
    assert.equal(step.with?.policyPackConfigs, "${{ matrix['policy-config'] }}");
    assert.equal(step.with?.["comment-on-pr"], true);
    assert.ok(
      preview.steps.some((s) => /--check-egress/.test(s.run ?? "")),
      "the runner can reach the cluster APIs",
    );
  });
});

describe("pipeline: deploy.yml", () => {
  const deploy = workflow("deploy.yml");
  const needs = (job: Job) => [job.needs ?? []].flat();

  it("deploys on every merge to main", () => {
    assert.deepEqual((deploy.on.push as { branches: string[] }).branches, ["main"]);
  });

  it("plans both stacks offline with policies first", () => {
    const plan = deploy.jobs.plan;
    assert.deepEqual((plan.strategy?.matrix as { stack: string[] }).stack, ["dev", "prod"]);
    assert.match(plan.steps.map((s) => s.run ?? "").join("\n"), /npm run -s plan -- --stack/);
    assert.deepEqual(needs(deploy.jobs["deploy-dev"]), ["plan"]);
  });

  it("runs pulumi up for dev with the pack and the environment's policy config, in the dev environment", () => {
    const dev = deploy.jobs["deploy-dev"];
    assert.equal(dev.environment, "dev");
    const up = dev.steps.find((s) => actionOf(s) === "pulumi/actions") as Step;
    assert.equal(up.with?.command, "up");
    assert.equal(up.with?.policyPacks, "policies");
    assert.equal(up.with?.policyPackConfigs, "${{ steps.info.outputs.policy-config }}");
    assert.match(dev.steps.find((s) => s.id === "info")?.run ?? "", /npm run -s stack-info -- --stack "\$STACK" --field policy-config/);
  });

  it("rolls prod out in waves after dev, behind the prod environment's reviewers", () => {
    const prod = deploy.jobs["deploy-prod"];
    assert.equal(prod.environment, "prod");
    assert.ok(needs(prod).includes("deploy-dev"));
    assert.equal(prod.env?.STACK, "prod");
    assert.match(prod.steps.map((s) => s.run ?? "").join("\n"), /npm run -s rollout -- --stack "\$STACK"/);
  });

  it("never runs two deploys of one stack at once, and never cancels a running one", () => {
    for (const [id, stack] of [
      ["deploy-dev", "dev"],
      ["deploy-prod", "prod"],
    ]) {
      assert.deepEqual(deploy.jobs[id].concurrency, { group: `deploy-${stack}`, "cancel-in-progress": false }, id);
    }
  });
});

describe("pipeline: Renovate", () => {
  // JSON5 with whole-line comments only: once they are dropped, YAML reads it.
  const config = parse(
    fs
      .readFileSync(path.join(REPO, "renovate.json5"), "utf8")
      .split("\n")
      .filter((l) => !/^\s*\/\//.test(l))
      .join("\n"),
  ) as {
    extends: string[];
    packageRules: { groupName?: string; matchPackageNames?: string[]; matchManagers?: string[]; allowedVersions?: string }[];
  };

  it("keeps actions pinned by digest and groups @pulumi/* and the actions", () => {
    assert.ok(config.extends.includes("helpers:pinGitHubActionDigests"));
    assert.ok(config.packageRules.some((r) => r.groupName && r.matchPackageNames?.includes("@pulumi/{/,}**")));
    assert.ok(config.packageRules.some((r) => r.groupName && r.matchManagers?.includes("github-actions")));
  });

  it("holds @pulumi/pulumi at the last release for Node 20 and TypeScript on 5.x", () => {
    const rule = (name: string) => config.packageRules.find((r) => r.matchPackageNames?.includes(name) && r.allowedVersions);
    assert.equal(rule("@pulumi/pulumi")?.allowedVersions, "<=3.248.0");
    assert.equal(rule("typescript")?.allowedVersions, "<6");
  });
});
