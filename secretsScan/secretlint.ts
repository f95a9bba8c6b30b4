/**
 * The adapter to secretlint's Node API (@secretlint/core `lintSource` with rules loaded by
 * @secretlint/config-loader from a .secretlintrc.json). secretlint ships ES modules only; this
 * CommonJS code loads them with `require`, which Node supports for ES modules from 20.19 on
 * (package.json asks for >= 20). Jest's module loader cannot, so tests reach this file through the
 * CLI in a child process.
 */
import fs from "node:fs";
import path from "node:path";
import type { SecretLintCoreConfig, SecretLintCoreResultMessage, SecretLintRawSource } from "@secretlint/types";
import { ScanInputError } from "./errors";
import { OWN_SCAN_RULE_ID } from "../kernel/credentials";

export const SECRETLINT_CONFIG_FILE = ".secretlintrc.json";

/** One secretlint report, located by line in the linted text. */
export interface LintMessage {
  ruleId: string;
  /** 1-based line in the linted text. */
  line: number;
  /** Message with secret values replaced by "*" runs. */
  message: string;
  /** The reported text (the secret or its surroundings): only ever used to build a masked preview. */
  matched: string;
}

export type LintText = (source: { filePath: string; content: string }) => Promise<LintMessage[]>;

// The packages are ESM-only, so their types are imported in "import" resolution mode.
type Core = typeof import("@secretlint/core", { with: { "resolution-mode": "import" } });
type ConfigLoader = typeof import("@secretlint/config-loader", { with: { "resolution-mode": "import" } });
type Profiler = typeof import("@secretlint/profiler", { with: { "resolution-mode": "import" } });

/**
 * secretlint's profiler (the instance @secretlint/core marks) records a performance mark per rule
 * per linted text whether or not anyone reads the profile, and its observer scans every mark so far
 * at each new one: O(n²) in the texts linted, most of a large scan's time (secretlint issues #1633
 * and #1653; fixed by secretlint PR #1673 in 13.x, which needs Node 22). We never read the profile,
 * so its marks are switched off, as repomix does (yamadashy/repomix#1453).
 */
function silenceSecretlintProfiler(): void {
  const { secretLintProfiler } = require("@secretlint/profiler") as Profiler;
  secretLintProfiler.mark = () => {};
}

/** A .secretlintrc.json's text and where it came from (a path, or `<ref>:.secretlintrc.json` in PR mode). */
export interface SecretlintConfigSource {
  label: string;
  text: string;
}

/**
 * The config to use for `root`: the scanned repository's own .secretlintrc.json when it has one,
 * else this project's (so `--repo` on a bare checkout still gets the recommended preset).
 */
export function chooseConfigFile(root: string, projectRoot: string): string {
  const own = path.join(root, SECRETLINT_CONFIG_FILE);
  return fs.existsSync(own) ? own : path.join(projectRoot, SECRETLINT_CONFIG_FILE);
}

export function configFromFile(file: string): SecretlintConfigSource {
  return { label: file, text: fs.readFileSync(file, "utf8") };
}

/**
 * Load the rules once and return a function that lints one text. Our own rule
 * (secretlintRuleCredentials.ts) resolves by its id in a config that names it and is added to a
 * config that does not: the Stripe and Cloudflare shapes are the project's judgement, not an option.
 */
export async function createSecretlint(configSource: SecretlintConfigSource | string, projectRoot: string): Promise<LintText> {
  // A path still works (verify's client-code worker passes one).
  const source = typeof configSource === "string" ? configFromFile(configSource) : configSource;
  silenceSecretlintProfiler();
  const core = require("@secretlint/core") as Core;
  const loader = require("@secretlint/config-loader") as ConfigLoader;
  const { creator: ownRule } = require("./secretlintRuleCredentials") as typeof import("./secretlintRuleCredentials");
  let config: SecretLintCoreConfig;
  try {
    const descriptor = JSON.parse(source.text) as unknown;
    if (typeof descriptor !== "object" || descriptor === null || !Array.isArray((descriptor as { rules?: unknown }).rules)) {
      throw new Error("it is not an object with a \"rules\" list");
    }
    const loaded = await loader.loadPackagesFromConfigDescriptor({
      configDescriptor: descriptor as Parameters<ConfigLoader["loadPackagesFromConfigDescriptor"]>[0]["configDescriptor"],
      // Rule packages are resolved from this project, not from the scanned repository.
      node_moduleDir: path.join(projectRoot, "node_modules"),
      testReplaceDefinitions: [{ id: OWN_SCAN_RULE_ID, rule: ownRule }],
    });
    config = loaded.config;
  } catch (err) {
    throw new ScanInputError(
      `cannot load secretlint config ${source.label}: ${err instanceof Error ? err.message : String(err)} ` +
        `(expected {"rules": [{"id": "@secretlint/secretlint-rule-preset-recommend"}]})`,
    );
  }
  if (!config.rules.some((r) => r.id === OWN_SCAN_RULE_ID)) config = { ...config, rules: [...config.rules, { id: OWN_SCAN_RULE_ID, rule: ownRule }] };
  return async ({ filePath, content }) => {
    // Always text: a NUL byte (a "binary" file by git's heuristic) does not make a token unreadable,
    // and secretlint's rules skip content typed "binary".
    const source: SecretLintRawSource = { filePath, content, ext: path.extname(filePath), contentType: "text" };
    const result = await core.lintSource({ source, options: { config, maskSecrets: true } });
    return result.messages.map((m: SecretLintCoreResultMessage) => ({
      ruleId: m.ruleId,
      line: m.loc.start.line,
      message: m.message,
      matched: content.slice(m.range[0], m.range[1]),
    }));
  };
}
