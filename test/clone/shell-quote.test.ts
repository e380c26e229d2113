import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { cloneStack, secretCommand } from "../../tools/clone/clone-stack";
import { CloneError } from "../../tools/clone/errors";
import { shellQuote } from "../../tools/shell";
import { passphraseCiphertext, passphraseSalt } from "../engine/ciphertexts";
import { committedText, copyProject } from "./fixtures";

/** The words /bin/sh passes to `pulumi` when it runs `command` (a shell function stands in for the CLI). */
function wordsOf(command: string): string[] {
  const script = `pulumi() { for word in "$@"; do printf '%s\\0' "$word"; done; }; ${command.replace("<value>", "VALUE")}`;
  return execFileSync("/bin/sh", ["-c", script], { encoding: "utf8" }).split("\0").slice(0, -1);
}

const HOSTILE = ["$(touch pwned)", "a'b", "semi;colon", "back`tick`", "space d", "glob*", "new\tline", "'", "", "-flag", "😀"];

describe("printed commands are shell-quoted", () => {
  it("every hostile word reaches the command as one word, unexpanded", () => {
    for (const word of HOSTILE) assert.deepEqual(wordsOf(`pulumi ${shellQuote(word)}`), [word], word);
    assert.equal(shellQuote("platform:tags.owner"), "platform:tags.owner", "safe words stay readable");
  });

  it("clone-stack's secret commands: config keys quoted, map keys the path syntax would split bracketed", () => {
    const salt = passphraseSalt();
    const prod = committedText("prod")
      .replace("config:\n", `encryptionsalt: ${salt}\nconfig:\n  "datadog:$(touch pwned)":\n    secure: ${passphraseCiphertext()}\n`)
      .replace("    team: platform\n", `    team: platform\n    owner.email:\n      secure: ${passphraseCiphertext()}\n`);
    const result = cloneStack({ dir: copyProject({ prod }), from: "prod", to: "prod-apac", zone: "apac", regions: ["ap-southeast-1"] });
    assert.deepEqual(result.secretCommands.map(wordsOf), [
      ["config", "set", "--secret", "datadog:$(touch pwned)", "VALUE", "--stack", "prod-apac"],
      ["config", "set", "--secret", "--path", `platform:tags["owner.email"]`, "VALUE", "--stack", "prod-apac"],
    ]);
  });

  it("a key with control characters is refused, not printed to a terminal", () => {
    assert.throws(() => secretCommand({ key: "platform:tags", path: "platform:tags.\u001b[2Jx" }, "s"), CloneError);
  });
});
