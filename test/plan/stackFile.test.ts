/**
 * Pulumi.yaml's typed project config as the offline plan reads it: the declared defaults apply to
 * a stack that sets nothing (the SDK does not apply them; the CLI would), a stack's value wins,
 * keys declared without a default stay absent, and the declarations agree with the config schema.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { parseStackConfig } from "../../components/config";
import { loadStackFile } from "../../plan/stackFile";
import { VALID_CORE } from "../support/config";

const ROOT = path.resolve(__dirname, "../..");
const project = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as { config: Record<string, { type?: string; default?: unknown }> };

function stackFile(config: Record<string, unknown>, projectYaml?: string): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-stackfile-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), projectYaml ?? fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
  const file = path.join(dir, "Pulumi.demo.yaml");
  fs.writeFileSync(file, JSON.stringify({ config: Object.fromEntries(Object.entries(config).map(([k, v]) => [`launch-ready:${k}`, v])) }));
  return { dir, file };
}

describe("Pulumi.yaml typed project config", () => {
  test("declares environment and domain as strings every stack must set, and leaves protect out", () => {
    expect(project.config.environment).toEqual({ type: "string", description: expect.any(String) });
    expect(project.config.domain).toEqual({ type: "string", description: expect.any(String) });
    expect(project.config.protect).toBeUndefined();
    for (const [key, spec] of Object.entries(project.config)) expect([key, ["string", "boolean", "integer", "array"].includes(spec.type ?? "")]).toEqual([key, true]);
  });

  test("a stack that sets none of the defaulted keys gets Pulumi.yaml's defaults offline, as the CLI would apply them", () => {
    const { dir } = stackFile(VALID_CORE);
    const loaded = loadStackFile({ projectDir: dir, stack: "demo" });
    expect(loaded.raw["launch-ready:cloudflarePlan"]).toEqual({ value: "free", secret: false });
    expect(loaded.raw["launch-ready:canonicalHost"]).toEqual({ value: "apex", secret: false });
    expect(loaded.raw["launch-ready:dnssec"]).toEqual({ value: false, secret: false });
    expect(loaded.runtimeConfig["launch-ready:dnssec"]).toBe("false");
    // Declared without a default: nothing is made up; the stack's own values are there.
    expect(loaded.raw["launch-ready:environment"]).toEqual({ value: "prod", secret: false });
    expect(loaded.raw["launch-ready:protect"]).toBeUndefined();
    // protect keeps its environment-dependent default (true in prod), which no Pulumi.yaml default could express.
    expect(parseStackConfig(loaded.raw).config.protect).toBe(true);
  });

  test("a stack's value wins over the default, and a key declared without a default stays absent when unset", () => {
    const { dir } = stackFile({ ...VALID_CORE, cloudflarePlan: "pro", dnssec: true, domain: undefined });
    const loaded = loadStackFile({ projectDir: dir, stack: "demo" });
    expect(loaded.raw["launch-ready:cloudflarePlan"]!.value).toBe("pro");
    expect(loaded.raw["launch-ready:dnssec"]!.value).toBe(true);
    expect(loaded.raw["launch-ready:domain"]).toBeUndefined();
  });

  test("a provider key's project-level value applies too (aws:region: {value: ...})", () => {
    const projectYaml = "name: launch-ready\nruntime: nodejs\nconfig:\n  aws:region:\n    value: eu-west-1\n  cloudflarePlan:\n    type: string\n    default: pro\n";
    const { dir } = stackFile(VALID_CORE, projectYaml);
    const loaded = loadStackFile({ projectDir: dir, stack: "demo" });
    expect(loaded.raw["aws:region"]).toEqual({ value: "eu-west-1", secret: false });
    expect(loaded.raw["launch-ready:cloudflarePlan"]!.value).toBe("pro");
  });

  test("every Pulumi.yaml default is the config schema's own default, so the CLI and the offline plan agree", () => {
    const { config } = parseStackConfig(loadStackFile({ projectDir: stackFile(VALID_CORE).dir, stack: "demo" }).raw);
    const bare = parseStackConfig(
      Object.fromEntries(Object.entries(VALID_CORE).map(([k, v]) => [`launch-ready:${k}`, { value: v, secret: false }])),
    ).config as unknown as Record<string, unknown>;
    for (const [key, spec] of Object.entries(project.config)) {
      if (spec.default === undefined) continue;
      expect([key, (config as unknown as Record<string, unknown>)[key]]).toEqual([key, spec.default]);
      expect([key, bare[key]]).toEqual([key, spec.default]);
    }
  });
});

describe("Pulumi.yaml runtime options", () => {
  test("nodeargs are the node flags, one per whitespace-separated word", () => {
    const { dir } = stackFile(VALID_CORE, "name: launch-ready\nruntime:\n  name: nodejs\n  options:\n    nodeargs: \"--import tsx   --import ./preload.ts\"\n");
    expect(loadStackFile({ projectDir: dir, stack: "demo" }).nodeArgs).toEqual(["--import", "tsx", "--import", "./preload.ts"]);
  });

  test("a bare `runtime: nodejs` gives none, and nodeargs that are not a string are refused by name", () => {
    const bare = stackFile(VALID_CORE, "name: launch-ready\nruntime: nodejs\n");
    expect(loadStackFile({ projectDir: bare.dir, stack: "demo" }).nodeArgs).toEqual([]);
    const list = stackFile(VALID_CORE, "name: launch-ready\nruntime:\n  name: nodejs\n  options:\n    nodeargs: [--import, tsx]\n");
    expect(() => loadStackFile({ projectDir: list.dir, stack: "demo" })).toThrow(/runtime\.options\.nodeargs must be a string/);
  });
});
