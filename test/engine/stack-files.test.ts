import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { ConfigError } from "../../components/config";
import { PROVIDER_NAMESPACES } from "../../tools/engine/config-rules";
import { SECURE_PLACEHOLDER, StackFileError, loadStack } from "../../tools/engine/stack-files";
import { committedText } from "../clone/fixtures";
import { REPO, tempProject } from "../helpers/plan";
import { passphraseCiphertext, passphraseSalt, serviceCiphertext } from "./ciphertexts";

/** A project with its own Pulumi.yaml `config:` declarations and one stack `s`. */
function project(declarations: Record<string, unknown>, stackConfig: Record<string, unknown>, top: Record<string, unknown> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-rules-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), stringify({ name: "platform", runtime: "nodejs", config: declarations }));
  fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), stringify({ ...top, config: stackConfig }));
  return dir;
}

/** The single issue of the ConfigError that loading `s` throws. */
function issueOf(dir: string, stack = "s"): { path: string; message: string } {
  try {
    loadStack(dir, stack);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    assert.equal(error.issues.length, 1, error.message);
    assert.match(error.message, new RegExp(`^invalid stack configuration\\n {2}Pulumi\\.${stack}\\.yaml: `));
    return error.issues[0];
  }
  assert.fail("the stack was accepted");
}

function projectFileError(declarations: Record<string, unknown>): string {
  try {
    loadStack(project(declarations, {}), "s");
  } catch (error) {
    assert.ok(error instanceof StackFileError, `expected a StackFileError, got ${String(error)}`);
    return error.message;
  }
  assert.fail("Pulumi.yaml was accepted");
}

const withDev = (extra: string) => tempProject({ s: `${committedText("dev")}${extra}` });

describe("stack loading: the Pulumi CLI's rules", () => {
  describe("the committed stacks", () => {
    for (const stack of ["dev", "prod"]) {
      it(`${stack} passes them, with Pulumi.yaml's defaults for the optional keys it leaves out`, () => {
        const loaded = loadStack(REPO, stack);
        for (const key of ["environment", "network", "regions", "regionDefaults", "edge", "observability", "recovery", "tags"]) {
          assert.ok(loaded.config[`platform:${key}`] !== undefined, `platform:${key} reaches the program`);
        }
        if (stack === "dev") assert.equal(loaded.config["platform:recovery"], "{}");
      });
    }
  });

  describe("required keys (pkg/workspace/config.go mergeConfig)", () => {
    it("a declared key with no default is required, and every missing one is named", () => {
      const text = committedText("dev")
        .replace("  platform:environment: dev\n", "")
        .replace(/ {2}platform:regions:\n[\s\S]*$/, "");
      try {
        loadStack(tempProject({ s: text }), "s");
        assert.fail("accepted");
      } catch (error) {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(
          error.issues.map((i) => i.path),
          ["platform:environment", "platform:regions"],
        );
        assert.match(
          error.issues[0].message,
          /^is required: Pulumi\.yaml declares it with no default, so the Pulumi CLI refuses a stack without it/,
        );
      }
    });

    it("a key of another namespace is never required; its value: applies when the stack does not set it", () => {
      const dir = project({ "aws:skipMetadataApiCheck": { value: false }, size: 3 }, {});
      const loaded = loadStack(dir, "s");
      assert.equal(loaded.config["aws:skipMetadataApiCheck"], "false");
      assert.equal(loaded.config["platform:size"], "3");
    });
  });

  describe("declared types (sdk/go/common/workspace/project.go ValidateConfigValue)", () => {
    const cases: [string, Record<string, unknown>, unknown, boolean][] = [
      ["string takes any scalar (config values are text)", { type: "string" }, 5, true],
      ["string refuses a mapping", { type: "string" }, { a: 1 }, false],
      ["integer takes a whole number", { type: "integer" }, 5, true],
      ["integer takes integer text", { type: "integer" }, "-12", true],
      ["integer refuses a fraction", { type: "integer" }, 5.5, false],
      ["integer refuses words", { type: "integer" }, "five", false],
      ["boolean takes true", { type: "boolean" }, true, true],
      ["boolean takes the text false", { type: "boolean" }, "false", true],
      ["boolean refuses yes", { type: "boolean" }, "yes", false],
      ["boolean refuses 1", { type: "boolean" }, 1, false],
      ["object takes a mapping", { type: "object" }, { a: [1] }, true],
      ["object refuses a list", { type: "object" }, [1], false],
      ["array<integer> takes whole numbers and integer text", { type: "array", items: { type: "integer" } }, [1, "2"], true],
      ["array<integer> refuses a fraction", { type: "array", items: { type: "integer" } }, [1, 1.5], false],
      ["array<string> refuses numbers inside (JSON numbers stay numbers)", { type: "array", items: { type: "string" } }, [1], false],
      [
        "array<array<boolean>> checks nested lists",
        { type: "array", items: { type: "array", items: { type: "boolean" } } },
        [[true], ["x"]],
        false,
      ],
      ["every type refuses an empty value", { type: "object" }, null, false],
    ];
    for (const [name, declaration, value, accepted] of cases) {
      it(name, () => {
        const dir = project({ key: declaration }, { "platform:key": value });
        if (accepted) loadStack(dir, "s");
        else {
          const issue = issueOf(dir);
          assert.equal(issue.path, "platform:key");
          assert.match(
            issue.message,
            /^must be of type [a-z<>]+ as Pulumi\.yaml declares \(the Pulumi CLI refuses the stack otherwise\), got /,
          );
        }
      });
    }

    it("names the committed project's structured types in the error", () => {
      const dev = committedText("dev");
      assert.deepEqual(
        issueOf(
          tempProject({ s: dev.replace("platform:tags:\n    team: platform\n    cost-center: eng-platform-dev", "platform:tags: [team]") }),
        ),
        {
          path: "platform:tags",
          message: 'must be of type object as Pulumi.yaml declares (the Pulumi CLI refuses the stack otherwise), got a list (["team"])',
        },
      );
      const regions = issueOf(
        tempProject({ s: dev.replace(/ {2}platform:regions:\n[\s\S]*$/, "  platform:regions: [us-east-1, eu-west-1]\n") }),
      );
      assert.equal(regions.path, "platform:regions");
      assert.match(regions.message, /^must be of type array<object> /);
    });
  });

  describe("secure: values (sdk/go/common/resource/config/object.go, crypt.go)", () => {
    it("accepts ciphertexts of the stack's secrets provider and hands the program a secret placeholder", () => {
      const service = loadStack(withDev(`  datadog:apiKey:\n    secure: ${serviceCiphertext()}\n`), "s");
      assert.equal(service.config["datadog:apiKey"], SECURE_PLACEHOLDER);
      assert.deepEqual(service.secretKeys, ["datadog:apiKey"]);
      const text = committedText("dev").replace("config:\n", `encryptionsalt: ${passphraseSalt()}\nconfig:\n`);
      const dir = tempProject({
        s: text.replace("    team: platform\n", `    team: platform\n    owner:\n      secure: ${passphraseCiphertext()}\n`),
      });
      const passphrase = loadStack(dir, "s");
      assert.deepEqual(JSON.parse(passphrase.config["platform:tags"]).owner, SECURE_PLACEHOLDER);
      assert.deepEqual(passphrase.secretKeys, ["platform:tags"]);
    });

    const refused: [string, string, RegExp][] = [
      ["a ciphertext the service provider cannot have written", "secure: v1:abc", /^secure: is not a Pulumi Cloud ciphertext/],
      ["a passphrase ciphertext on a service stack", `secure: ${passphraseCiphertext()}`, /^secure: is not a Pulumi Cloud ciphertext/],
      ["a number", "secure: 5", /^secure: must be the ciphertext string pulumi config set --secret writes, got 5$/],
      ["an empty string", 'secure: ""', /^secure: must be the ciphertext string/],
    ];
    for (const [name, line, message] of refused) {
      it(`refuses ${name}`, () => {
        const issue = issueOf(withDev(`  datadog:apiKey:\n    ${line}\n`));
        assert.equal(issue.path, "datadog:apiKey");
        assert.match(issue.message, message);
      });
    }

    it("refuses a service ciphertext on a passphrase stack, wherever it sits", () => {
      const text = committedText("dev").replace("config:\n", `encryptionsalt: ${passphraseSalt()}\nconfig:\n`);
      const issue = issueOf(
        tempProject({ s: text.replace("    team: platform\n", `    team: platform\n    owner:\n      secure: ${serviceCiphertext()}\n`) }),
      );
      assert.equal(issue.path, "platform:tags.owner");
      assert.match(issue.message, /^secure: is not a ciphertext of this stack's secrets provider \(v1:<base64 nonce>:<base64 ciphertext>/);
    });

    it("a key Pulumi.yaml declares secret: true must be secure:, and a ciphertext is no object", () => {
      assert.deepEqual(issueOf(project({ token: { type: "string", secret: true } }, { "platform:token": "plain" })), {
        path: "platform:token",
        message: "must be a secret: Pulumi.yaml declares secret: true; set it with pulumi config set --secret",
      });
      loadStack(project({ token: { type: "integer", secret: true } }, { "platform:token": { secure: serviceCiphertext() } }), "s");
      const object = issueOf(project({ settings: { type: "object" } }, { "platform:settings": { secure: serviceCiphertext() } }));
      assert.match(object.message, /^must be of type object /);
    });
  });

  describe("namespaces (sdk/go/common/resource/config/key.go ParseKey)", () => {
    it("a key without a namespace is the project's; the legacy <ns>:config:<key> form is the same key", () => {
      const text = committedText("dev")
        .replace("  platform:environment: dev\n", "  environment: dev\n")
        .replace("platform:edge:", "platform:config:edge:");
      const loaded = loadStack(tempProject({ s: text }), "s");
      assert.equal(loaded.config["platform:environment"], "dev");
      assert.equal(JSON.parse(loaded.config["platform:edge"]).priceClass, "PriceClass_100");
    });

    it("keeps other namespaces (aws:, a third party's) as written", () => {
      const loaded = loadStack(withDev("  aws:region: us-east-1\n  datadog:site: datadoghq.eu\n"), "s");
      assert.equal(loaded.config["aws:region"], "us-east-1");
      assert.equal(loaded.config["datadog:site"], "datadoghq.eu");
    });

    const nearMisses: [string, string][] = [
      ["platfrom:edge", "platform:edge"],
      ["Platform:edge", "platform:edge"],
      ["platform_:edge", "platform:edge"],
      ["aws_:region", "aws:region"],
      ["kubernets:context", "kubernetes:context"],
    ];
    for (const [written, meant] of nearMisses) {
      it(`refuses ${written}, an edit away from ${meant.split(":")[0]}: (the CLI would pass it to no one)`, () => {
        const issue = issueOf(withDev(`  ${written}: {}\n`));
        assert.equal(issue.path, written);
        assert.match(
          issue.message,
          new RegExp(`^unknown namespace "${written.split(":")[0]}" \\(did you mean "${meant}"\\?\\); this project reads platform:<key>`),
        );
      });
    }

    it("refuses a key that is not <namespace>:<name>, and the same key written twice", () => {
      assert.match(
        issueOf(withDev("  a:b:c: 1\n")).message,
        /^is not a config key; write <name> for this project's settings or <namespace>:<name>/,
      );
      assert.deepEqual(issueOf(withDev("  environment: prod\n")), {
        path: "environment",
        message: "sets platform:environment a second time (also written as platform:environment); keep one",
      });
    });

    it("knows every provider package the program depends on", () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { dependencies: Record<string, string> };
      const providers = Object.keys(pkg.dependencies)
        .filter((d) => d.startsWith("@pulumi/") && d !== "@pulumi/pulumi")
        .map((d) => d.slice("@pulumi/".length));
      assert.deepEqual([...PROVIDER_NAMESPACES].sort(), [...providers, "pulumi"].sort());
    });
  });

  describe("Pulumi.yaml declarations (project.json, Project.Validate)", () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [
        "an unknown attribute, with the near miss",
        { size: { tpye: "string" } },
        /^Pulumi\.yaml: config\.size\.tpye: unknown attribute \(did you mean "type"\?\)/,
      ],
      [
        "an unknown type",
        { size: { type: "number" } },
        /^Pulumi\.yaml: config\.size\.type: must be one of string, integer, boolean, array, object$/,
      ],
      ["an array without items", { zones: { type: "array" } }, /^Pulumi\.yaml: config\.zones: type array needs items:/],
      [
        "a default of another type",
        { size: { type: "integer", default: "large" } },
        /^Pulumi\.yaml: config\.size\.default: is not of the declared type integer$/,
      ],
      ["both default and value", { size: { default: 1, value: 2 } }, /^Pulumi\.yaml: config\.size: has both default: and value:/],
      [
        "a type on another namespace's key",
        { "aws:region": { type: "string", value: "us-east-1" } },
        /^Pulumi\.yaml: config\.aws:region\.type: a key of another namespace/,
      ],
      [
        "another namespace's key without value:",
        { "aws:region": { description: "x" } },
        /^Pulumi\.yaml: config\.aws:region: a key of another namespace \(aws:\) must set value:$/,
      ],
    ];
    for (const [name, declarations, message] of cases) it(`refuses ${name}`, () => assert.match(projectFileError(declarations), message));
  });

  it("npm run plan refuses what the CLI refuses: exit 2, every problem with file and key, no stack trace", () => {
    const text = committedText("dev")
      .replace(/ {2}platform:regions:\n[\s\S]*$/, "")
      .replace("platform:edge:", "platfrom:edge:");
    const dir = tempProject({ s: text });
    const result = spawnSync(process.execPath, [path.join(REPO, "build/tools/plan.js"), "--stack", "s", "--dir", dir], {
      encoding: "utf8",
    });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, "");
    assert.equal(
      result.stderr.replace(/platform:<key>.*$/m, "platform:<key>…"),
      [
        "error: invalid stack configuration (2 problems)",
        '  Pulumi.s.yaml: platfrom:edge: unknown namespace "platfrom" (did you mean "platform:edge"?); this project reads platform:<key>…',
        "  Pulumi.s.yaml: platform:regions: is required: Pulumi.yaml declares it with no default, so the Pulumi CLI refuses a stack without it; set it here: The stack's regions: a list of { region, zone, cidr?, azCount?, network?, cluster?, database?, cache?, queues?, alarms? }.",
        "",
      ].join("\n"),
    );
  });

  it("refuses an unknown top-level key of a stack file, with the near miss", () => {
    const dir = tempProject({ s: committedText("dev").replace("config:\n", "confg:\n") });
    assert.throws(
      () => loadStack(dir, "s"),
      /^StackFileError: Pulumi\.s\.yaml: confg: unknown top-level key \(did you mean "config"\?\); a stack file has config, environment, secretsprovider, encryptedkey, encryptionsalt$/,
    );
  });
});
