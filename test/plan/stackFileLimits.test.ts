/**
 * Hostile stack files (issue 17): each is refused by the loader with the file, the line or key
 * path and what is expected, never read into memory without bound, never a crash (exit 70).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadStackFile, STACK_FILE_LIMITS, StackFileError } from "../../plan/stackFile";
import { runMain, STACK_TRACE } from "../support/cli";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-hostile-"));
fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: launch-ready\nruntime: nodejs\n");

function stackFile(name: string, content: string | Buffer): string {
  const file = path.join(dir, `Pulumi.${name}.yaml`);
  fs.writeFileSync(file, content);
  return file;
}

const load = (name: string) => () => loadStackFile({ projectDir: dir, stack: name });
const nine = (x: string) => `[${Array(9).fill(x).join(",")}]`;

describe("hostile stack files are refused with a clear error", () => {
  test.each([
    ["a YAML alias bomb", "bomb", `config:\n  a: &a ${nine('"x"')}\n  b: &b ${nine("*a")}\n  c: &c ${nine("*b")}\n  d: &d ${nine("*c")}\n  e: ${nine("*d")}\n`, /aliases cannot be expanded.*more than 100 aliases/],
    ["a self-referencing alias", "selfref", "config:\n  a: &a [*a]\n", /nested more than 32 levels deep/],
    ["a __proto__ key inside a host", "proto", "config:\n  launch-ready:hosts:\n    - name: admin\n      __proto__: {proxied: false}\n", /config\.launch-ready:hosts\[0\]\.__proto__: the key "__proto__" is not allowed/],
    ["a constructor key", "ctor", "config:\n  launch-ready:edge:\n    constructor: {}\n", /config\.launch-ready:edge\.constructor: the key "constructor" is not allowed/],
    ["a NUL byte", "nul", 'config:\n  launch-ready:domain: "ex\u0000ample.com"\n', /line 2: control character U\+0000 is not allowed/],
    ["a bidirectional override", "bidi", "config:\n  launch-ready:domain: example.com\u202e\n", /line 2: control character U\+202E/],
    ["Latin-1 text", "latin1", Buffer.concat([Buffer.from("config:\n  launch-ready:domain: caf"), Buffer.from([0xe9]), Buffer.from(".com\n")]), /is not UTF-8 text/],
    ["a 10 MB CSP value", "csp", `config:\n  launch-ready:edge:\n    csp: "${"a".repeat(2_000_000)}"\n`, /larger than 1000000 bytes/],
    ["a 20,000-character value", "long", `config:\n  launch-ready:edge:\n    csp: "${"a".repeat(20_000)}"\n`, /config\.launch-ready:edge\.csp is 20000 characters long; at most 8192/],
    ["a file nested 5,000 levels", "deep", `config:\n  x: ${"[".repeat(5000)}${"]".repeat(5000)}\n`, /nested more than 32 levels deep|not valid YAML/],
  ])("%s", (_label, name, content, message) => {
    stackFile(name, content);
    expect(load(name)).toThrow(StackFileError);
    expect(load(name)).toThrow(message);
  });

  test("a device is read only up to the limit", () => {
    expect(() => loadStackFile({ projectDir: dir, configFile: "/dev/zero" })).toThrow(`/dev/zero is larger than ${STACK_FILE_LIMITS.bytes} bytes`);
  });

  // The command's entry in this process (a file error, exit 2); --no-policies: the pack's start-up is not what this checks.
  test("the command exits 2 with the message and no stack trace (--config-file /dev/zero)", async () => {
    const { status, stdout, stderr } = await runMain(["plan", "--config-file", "/dev/zero", "--json", "--no-policies"]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("/dev/zero is larger than");
    expect(stderr).not.toMatch(STACK_TRACE);
  });
});
