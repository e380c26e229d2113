import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { StackFileError, loadStack } from "../../tools/engine/stack-files";
import { MAX_FILE_BYTES } from "../../tools/engine/yaml-file";
import { committedText } from "../clone/fixtures";
import { REPO, tempProject } from "../helpers/plan";

const dev = committedText("dev");

/** The StackFileError that loading stack `h` (given as text) throws. */
function refusal(text: string | Buffer): string {
  const dir = tempProject({});
  fs.writeFileSync(path.join(dir, "Pulumi.h.yaml"), text);
  try {
    loadStack(dir, "h");
  } catch (error) {
    assert.ok(error instanceof StackFileError, `expected a StackFileError, got ${String(error)}`);
    return error.message;
  }
  assert.fail("the stack file was accepted");
}

/** Nine levels of nine aliases: 9^9 (387 million) nodes if expanded. */
const BILLION_LAUGHS = [
  "config:",
  '  platform:a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...["b", "c", "d", "e", "f", "g", "h", "i"].map((name, i) => {
    const previous = String.fromCharCode("a".charCodeAt(0) + i);
    return `  platform:${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]`;
  }),
  "",
].join("\n");

/** Every file under `root` with its text, to prove a refusal wrote nothing. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(root, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isFile()) files[path.relative(root, file)] = fs.readFileSync(file, "utf8");
  }
  return files;
}

function tool(name: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ["--stack-trace-limit=0", path.join(REPO, `build/tools/${name}.js`), ...args], {
    cwd: REPO,
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** 1-based line of the first line of `text` containing `needle` (the committed stack file changes). */
function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `${needle} not found`);
  return index + 1;
}

describe("hostile stack files: refused with file, line and key (exit 2)", () => {
  it("an undefined alias", () => {
    const text = dev.replace("  platform:tags:\n    team: platform\n    cost-center: eng-platform-dev\n", "  platform:tags: *shared\n");
    assert.equal(
      refusal(text),
      `Pulumi.h.yaml:${lineOf(text, "*shared")}:18: config.platform:tags: alias *shared refers to no anchor; define &shared before it is used`,
    );
  });

  it("an alias bomb, stopped by the YAML library's own alias limit", () => {
    assert.match(
      refusal(BILLION_LAUGHS),
      /^Pulumi\.h\.yaml:5:19: config\.platform:d\[0\]: alias \*c expands past the limit of 100 alias expansions \(an alias bomb\)/,
    );
  });

  it("an alias bomb in Pulumi.yaml too", () => {
    const dir = tempProject({ h: dev });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: platform\nruntime: nodejs\n${BILLION_LAUGHS.replace(/platform:/g, "")}`);
    assert.throws(() => loadStack(dir, "h"), /^StackFileError: Pulumi\.yaml:7:10: config\.d\[0\]: alias \*c expands past the limit/);
  });

  it("a file larger than the size limit, before it is parsed", () => {
    const text = `${dev}# ${"x".repeat(MAX_FILE_BYTES)}\n`;
    assert.equal(refusal(text), "Pulumi.h.yaml: is larger than 128 KiB; a stack file holds settings, not data (split it, or shorten it)");
  });

  it("nesting deeper than any stack config needs", () => {
    assert.match(
      refusal(`${dev}  platform:tags2: ${"[".repeat(40)}${"]".repeat(40)}\n`),
      // The planted line is the one after the committed dev stack's last line.
      new RegExp(
        `^Pulumi\\.h\\.yaml:${dev.split("\n").length}:\\d+: config\\.platform:tags2\\[0\\][[\\]0…]*: nested more than 32 levels deep`,
      ),
    );
  });

  it("a key twice in one mapping, as the Pulumi CLI's parser refuses it", () => {
    const first = lineOf(dev, "    team: platform");
    assert.equal(
      refusal(dev.replace("    team: platform\n", "    team: platform\n    team: other\n")),
      `Pulumi.h.yaml:${first + 1}:5: config.platform:tags: duplicate key "team" (first set on line ${first}); the Pulumi CLI refuses a mapping with a key twice`,
    );
  });

  it("what the CLI's YAML 1.1 parser reads as another number", () => {
    assert.equal(
      refusal(dev.replace("priceClass: PriceClass_100", "priceClass: 010")),
      `Pulumi.h.yaml:${lineOf(dev, "priceClass: PriceClass_100")}:17: config.platform:edge.priceClass: 010 is the number 8 to the Pulumi CLI (a leading 0 means octal to its YAML parser) but 10 here; write it without the leading zero, or quote it as a string`,
    );
    assert.match(
      refusal(`${dev}  platform:x: 1_000\n`),
      /config\.platform:x: 1_000 is a number to the Pulumi CLI \(YAML 1\.1 binary or digit separators\) but a string here/,
    );
  });

  it("tags outside YAML's core schema, keys that are not strings, several documents, bytes that are not UTF-8", () => {
    assert.match(
      refusal(`${dev}  platform:x: !!binary aGVsbG8=\n`),
      /^Pulumi\.h\.yaml:\d+:\d+: config\.platform:x: YAML tag !!binary is not supported/,
    );
    assert.match(refusal(`${dev}  ? [a, b]\n  : c\n`), /^Pulumi\.h\.yaml:\d+:\d+: config: a mapping key must be a plain string/);
    assert.match(refusal(`${dev}---\nconfig: {}\n`), /^Pulumi\.h\.yaml:\d+:\d+: YAML syntax error: Source contains multiple documents/);
    assert.equal(refusal(Buffer.concat([Buffer.from(dev), Buffer.from([0xc3, 0x28, 0x0a])])), "Pulumi.h.yaml: is not valid UTF-8 text");
  });

  it("a stack file that is not a regular file (a directory, a device)", () => {
    const dir = tempProject({});
    fs.mkdirSync(path.join(dir, "Pulumi.h.yaml"));
    assert.throws(() => loadStack(dir, "h"), /^StackFileError: Pulumi\.h\.yaml: is not a regular file$/);
    fs.symlinkSync("/dev/zero", path.join(dir, "Pulumi.z.yaml"));
    assert.throws(() => loadStack(dir, "z"), /^StackFileError: Pulumi\.z\.yaml: is not a regular file$/);
  });

  it("reads merge keys (<<) as the Pulumi CLI's parser does", () => {
    const dir = tempProject({
      h: dev.replace(
        / {2}platform:regions:\n[\s\S]*$/,
        "  platform:regions:\n    - &us { region: us-east-1, zone: us }\n    - <<: *us\n      region: us-west-2\n",
      ),
    });
    assert.deepEqual(JSON.parse(loadStack(dir, "h").config["platform:regions"]), [
      { region: "us-east-1", zone: "us" },
      { region: "us-west-2", zone: "us" },
    ]);
  });

  it("npm run plan: exit 2, one line naming file, line and key, no stack trace", () => {
    const dir = tempProject({ h: BILLION_LAUGHS });
    const { code, stdout, stderr } = tool("plan", "--stack", "h", "--dir", dir);
    assert.equal(code, 2);
    assert.equal(stdout, "");
    assert.match(stderr, /^error: Pulumi\.h\.yaml:5:19: config\.platform:d\[0\]: alias \*c expands past the limit/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });
});

describe("stack names: the Pulumi CLI's rule keeps every tool inside the project (exit 2)", () => {
  // A project one level down, and a valid stack file beside it that a traversing name would reach.
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), "platform-outside-"));
  const dir = path.join(outside, "project");
  fs.mkdirSync(dir);
  for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml"]) fs.copyFileSync(path.join(REPO, file), path.join(dir, file));
  fs.writeFileSync(path.join(outside, "x.yaml"), committedText("prod"));
  // `Pulumi.${stack}.yaml` with this name is lexically <outside>/x.yaml.
  const escape = "../../../x";
  const message =
    /error: --(stack|from) "\.\.\/\.\.\/\.\.\/x": a stack name may only contain letters, digits, "-", "_" or "\." \(the Pulumi CLI's rule\): invalid character "\/" at position 2\n/;

  it("the traversing name would reach the planted file", () => {
    assert.equal(path.join(dir, `Pulumi.${escape}.yaml`), path.join(outside, "x.yaml"));
  });

  const runs: [string, string[]][] = [
    ["plan", ["--stack", escape, "--dir", dir]],
    ["diff", ["--stack", escape, "--base", "HEAD"]],
    ["clone-region", ["--stack", escape, "--from", "eu-west-1", "--to", "eu-north-1", "--dir", dir]],
    ["clone-stack", ["--from", escape, "--to", "copy", "--regions", "eu-north-1", "--dir", dir]],
  ];
  for (const [name, args] of runs) {
    it(`${name} refuses it, reading and writing nothing`, () => {
      const before = snapshot(outside);
      const { code, stdout, stderr } = tool(name, ...args);
      assert.equal(code, 2, stderr);
      assert.equal(stdout, "");
      assert.match(stderr, message);
      assert.deepEqual(snapshot(outside), before);
    });
  }

  it("the loader refuses it too, for any caller", () => {
    assert.throws(() => loadStack(dir, escape), /^StackFileError: stack "\.\.\/\.\.\/\.\.\/x": a stack name may only contain/);
    assert.throws(() => loadStack(dir, "a".repeat(101)), /a stack name cannot exceed 100 characters/);
  });
});
