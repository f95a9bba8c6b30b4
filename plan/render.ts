/**
 * The offline plan: runs the real Pulumi program (index.ts) under the SDK's mock runtime, with the
 * stack file's config, and records every resource registration as the engine would receive it.
 * No network, no credentials, no Pulumi CLI.
 */
import { cheapStackTraces } from "../components/programRuntime";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, type ConfigIssue, type RawConfigValue, type StackConfig } from "../components/config";
import { loadStackFile, type StackFile } from "./stackFile";
import { PlanMonitor, type InvokeAnswer } from "./monitor";
import { SECRET_PLACEHOLDER, type Plan } from "./types";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as {
  setMockOptions(monitor: unknown, project: string, stack: string, preview: boolean): void;
  disconnect(): Promise<void>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const state = require("@pulumi/pulumi/runtime/state") as { getStore(): Record<string, unknown> };

import { PROJECT_DIR } from "./projectDir";
export { PROJECT_DIR };

export interface RenderOptions {
  /** The folder with Pulumi.yaml and index.ts. @default this repository */
  projectDir?: string;
  /** @default "staging" */
  stack?: string;
  /** Any stack file instead of Pulumi.<stack>.yaml. */
  configFile?: string;
  /** Values laid over the stack file (tests use it to plant secrets with known values). */
  overrides?: Record<string, RawConfigValue>;
  /** The program to run. @default <projectDir>/index.ts */
  program?: string;
  /** Answers for data-source invokes (tests: a zone lookup finding 0 or 2 zones). @default plan/monitor.ts's defaultInvokeAnswer */
  invokes?: InvokeAnswer;
}

export interface Diagnostic {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
}

export interface RenderResult {
  plan: Plan;
  config: StackConfig;
  /** Config warnings and whatever the program logged. */
  diagnostics: Diagnostic[];
  stackFile: StackFile;
}

/**
 * The Pulumi program failed while declaring resources (a component refused its arguments, or a
 * RunError the program raised). The message is the program's own, without the SDK's stack.
 */
export class ProgramError extends Error {
  constructor(readonly stackName: string, override readonly cause: unknown) {
    // An error raised inside an output (a zone lookup that found no zone) reaches us wrapped once
    // per property the SDK was serializing; the user needs the error itself.
    const message = (cause instanceof Error ? cause.message : String(cause)).replace(/^(error serializing property "[^"]*": )+/, "");
    super(`the Pulumi program of stack ${stackName} failed: ${message}`);
    this.name = "ProgramError";
  }
}

/**
 * The SDK records where in the program each resource was declared (Resource.callsites: a full stack
 * trace, formatted, with the trace limit lifted, for every resource) and sends it to the engine as
 * the resource's source position. An offline plan records none, and the traces were a fifth of a
 * render's time (more under a test runner's source-mapped traces). A real deploy keeps them: this
 * is the offline render's only. Returns the undo; does nothing if the SDK no longer has the method.
 */
export function withoutSourcePositions(): () => void {
  const resource = pulumi.Resource as unknown as { callsites?: () => unknown[] };
  const callsites = resource.callsites;
  if (typeof callsites !== "function") return () => undefined;
  resource.callsites = () => [];
  return () => {
    resource.callsites = callsites;
  };
}

/**
 * Renders a stack. Throws ConfigError (bad config) or StackFileError (bad file) before running
 * anything, and ProgramError when the program itself throws.
 */
export async function renderPlan(options: RenderOptions = {}): Promise<RenderResult> {
  const projectDir = options.projectDir ?? PROJECT_DIR;
  const stackFile = loadStackFile({ projectDir, stack: options.stack, configFile: options.configFile });
  for (const [key, entry] of Object.entries(options.overrides ?? {})) {
    stackFile.raw[key] = entry;
    stackFile.runtimeConfig[key] = typeof entry.value === "string" ? entry.value : JSON.stringify(entry.value);
    if (entry.secret && !stackFile.secretKeys.includes(key)) stackFile.secretKeys.push(key);
  }

  // Validate first: a bad config must register no resource at all.
  const { config, warnings } = parseStackConfig(stackFile.raw, stackFile.file);

  const monitor = new PlanMonitor(stackFile.project, stackFile.stack, options.invokes);
  settings.setMockOptions(monitor, stackFile.project, stackFile.stack, true);
  Object.assign(state.getStore(), {
    // What the engine advertises to a program (the same flags pulumi.runtime.setMocks sets).
    supportsSecrets: true,
    supportsResourceReferences: true,
    supportsOutputValues: false,
    supportsDeletedWith: true,
    supportsAliasSpecs: true,
  });
  pulumi.runtime.setAllConfig(stackFile.runtimeConfig, stackFile.secretKeys);

  const program = options.program ?? path.join(projectDir, "index.ts");
  forgetProjectModules(projectDir);
  let logged: Diagnostic[];
  // A program that throws rejects the stack's outputs, and with them promises the SDK derives
  // and never awaits; under `pulumi up` the language host catches those, here they would end the
  // process with a stack trace. So a throw while the program loads (a config check) is caught
  // before it reaches the stack, and later stray rejections are held and the first reported.
  let thrown: { error: unknown } | undefined;
  const stray: unknown[] = [];
  const holdStray = (reason: unknown) => void stray.push(reason);
  process.on("unhandledRejection", holdStray);
  const restoreStackTraces = cheapStackTraces();
  const restoreSourcePositions = withoutSourcePositions();
  try {
    logged = await captureRuntimeLogs(async () => {
      await pulumi.runtime.runInPulumiStack(async () => {
        try {
          // As the SDK's cmd/run: a program that exports a function is that function's call.
          const exported = require(program) as unknown;
          return typeof exported === "function" ? (exported as () => unknown)() : exported;
        } catch (error) {
          thrown = { error };
          return {};
        }
      });
      await settings.disconnect();
    });
  } catch (err) {
    throw new ProgramError(stackFile.stack, err);
  } finally {
    // Node reports unhandled rejections after the microtask queue drains: wait a turn for them.
    await new Promise((resolve) => setImmediate(resolve));
    process.off("unhandledRejection", holdStray);
    restoreStackTraces();
    restoreSourcePositions();
  }
  if (thrown) throw new ProgramError(stackFile.stack, thrown.error);
  if (stray.length > 0) throw new ProgramError(stackFile.stack, stray[0]);
  const duplicate = monitor.duplicateUrns[0];
  if (duplicate) throw new ProgramError(stackFile.stack, new Error(`Duplicate resource URN '${duplicate}'; try giving it a unique name`));

  const diagnostics = dedupeDiagnostics([
    ...warnings.map((w): Diagnostic => ({ severity: "warning", message: `${w.path}: ${w.message}` })),
    ...logged,
  ]);
  const plan = monitor.toPlan(JSON.parse(JSON.stringify(config)) as Record<string, unknown>);
  plan.stackConfig = {
    values: Object.fromEntries(Object.entries(stackFile.runtimeConfig).map(([key, value]) => [key, stackFile.secretKeys.includes(key) ? SECRET_PLACEHOLDER : value])),
    secretKeys: [...stackFile.secretKeys],
  };
  return { plan, config, diagnostics, stackFile };
}

/** Drops the project's own modules from the require cache, so each render runs the program anew. */
function forgetProjectModules(projectDir: string): void {
  const root = path.resolve(projectDir) + path.sep;
  for (const file of Object.keys(require.cache)) {
    if (file.startsWith(root) && !file.includes(`${path.sep}node_modules${path.sep}`) && !file.includes(`${path.sep}plan${path.sep}`)) {
      delete require.cache[file];
    }
  }
}

const RUNTIME_LOG = /^(debug|info|warning|error): \[runtime\] ([\s\S]*)$/;

/** Without an engine the SDK's log functions write to the console; keep those lines as diagnostics. */
async function captureRuntimeLogs(run: () => Promise<void>): Promise<Diagnostic[]> {
  const captured: Diagnostic[] = [];
  const originals = { log: console.log, warn: console.warn, error: console.error };
  const intercept = (original: (...args: unknown[]) => void) => (...args: unknown[]) => {
    const match = args.length === 1 && typeof args[0] === "string" ? RUNTIME_LOG.exec(args[0]) : null;
    if (match) captured.push({ severity: match[1] as Diagnostic["severity"], message: match[2]! });
    else original(...args);
  };
  console.log = intercept(originals.log);
  console.warn = intercept(originals.warn);
  console.error = intercept(originals.error);
  try {
    await run();
  } finally {
    Object.assign(console, originals);
  }
  return captured;
}

function dedupeDiagnostics(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => !seen.has(d.message) && (seen.add(d.message), true));
}

export type { ConfigIssue };
