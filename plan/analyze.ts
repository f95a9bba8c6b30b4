/**
 * Runs the CrossGuard pack (policies/) over an offline plan through the real analyzer protocol,
 * playing the engine's part as `pulumi preview --policy-pack` does:
 *
 *   start a gRPC Engine server on loopback (the pack logs there)
 *   start the pack: node <@pulumi/pulumi>/cmd/run-policy-pack <engine> .   (cwd: the pack)
 *   GetAnalyzerInfo -> ConfigureStack -> Configure (policy config, schema defaults applied)
 *   Analyze for every planned resource, with its options (and explicit provider)
 *   AnalyzeStack with every resource, parent, dependencies and property dependencies
 *
 * and maps the diagnostics to PolicyViolation. It fails closed: a policy that throws (the Analyze
 * call fails) or an error the pack logs becomes a mandatory violation, never a silent pass. The
 * child process and the server are always stopped, also on error and timeout.
 */
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { EngineServer, PackLog, startEngineServer } from "./analyzer/engine";
import { analyzeRequest, analyzeStackRequest, stackConfigMap, structsOfOneAnalysis, toStruct } from "./analyzer/messages";
import { PackProcess, PolicyPackStartError, startPackProcess } from "./analyzer/packProcess";
import { EnforcementLevelName, PolicyDescriptor, ResolvedPolicyConfig, resolvePolicyConfig } from "./analyzer/policyConfig";
import type { Plan, PolicyViolation } from "./types";

export { PolicyConfigError } from "./analyzer/policyConfig";
export { PolicyPackStartError } from "./analyzer/packProcess";

/** The repository's pack. */
export const DEFAULT_PACK_DIR = path.resolve(__dirname, "..", "policies");
/** Generous for a cold start: run-policy-pack type-checks the pack before it listens (~2.5 s cold, ~1 s warm here). */
export const DEFAULT_TIMEOUT_MS = 60_000;

export interface PolicyPackOptions {
  /** @default the repository's policies/ folder */
  packDir?: string;
  /** Content of a `--policy-pack-config` file: `{ "all"?: level, "<policy>": level | {enforcementLevel?, ...settings} }`. */
  policyConfig?: Record<string, unknown>;
  /**
   * What the stack config says, by policy setting name (`zoneName`, `environment`,
   * `sensitiveHosts`...): fills those settings where the policy config leaves them out, so any
   * stack is judged by its own facts without a hand-written config file.
   */
  stackFacts?: Record<string, unknown>;
  /** Deadline for start-up and for each analysis. @default 60000 */
  timeoutMs?: number;
  /** Called once the pack's process runs (the engine is listening), before the pack has loaded. */
  onSpawned?: () => void;
  /** Aborted while the pack is starting: its process is stopped at once and the start fails. */
  signal?: AbortSignal;
}

export interface PolicyInfo {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevelName;
  severity?: PolicyViolation["severity"];
  remediation?: string;
  kind: "resource" | "stack";
}

export interface RunningPolicyPack {
  /** Name and version the pack reports. */
  pack: { name: string; version: string };
  policies: PolicyInfo[];
  /** Log messages the pack sent to the engine. */
  logs: PackLog[];
  /** The pack's process id (for diagnostics; `close()` stops it). */
  pid: number | undefined;
  /**
   * Runs every policy over the plan; may be called more than once. `stackFacts` replaces the facts
   * given at start, so a pack started before the stack config was read can still judge by them.
   */
  analyze(plan: Plan, policyConfig?: Record<string, unknown>, stackFacts?: Record<string, unknown>): Promise<PolicyViolation[]>;
  close(): Promise<void>;
}

const LEVEL_NAMES: Record<number, EnforcementLevelName> = {
  [analyzerPb.EnforcementLevel.ADVISORY]: "advisory",
  [analyzerPb.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzerPb.EnforcementLevel.DISABLED]: "disabled",
  [analyzerPb.EnforcementLevel.REMEDIATE]: "remediate",
};
const LEVEL_ENUMS: Record<EnforcementLevelName, analyzerPb.EnforcementLevel> = {
  advisory: analyzerPb.EnforcementLevel.ADVISORY,
  mandatory: analyzerPb.EnforcementLevel.MANDATORY,
  disabled: analyzerPb.EnforcementLevel.DISABLED,
  remediate: analyzerPb.EnforcementLevel.REMEDIATE,
};
const SEVERITY_NAMES: Record<number, PolicyViolation["severity"] | undefined> = {
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

/** The name a failed Analyze call blames (@pulumi/policy: "Error validating resource with policy 'x' from ..."). */
const FAILED_POLICY = /policy '([^']+)'/;
export const PACK_ERROR_POLICY = "policy-pack-error";

type Unary<Req, Res> = (req: Req, meta: grpc.Metadata, opts: Partial<grpc.CallOptions>, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown;

function call<Req, Res>(fn: Unary<Req, Res>, client: analyzerGrpc.AnalyzerClient, req: Req, timeoutMs: number): Promise<Res> {
  return new Promise((resolve, reject) =>
    fn.call(client, req, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (err, res) => (err ? reject(err) : resolve(res))),
  );
}

/**
 * The analyzer calls a session makes, whatever carries them: gRPC to the pack process here, or the
 * pack's own handlers in this process (analyzer/inProcess.ts, for tests). A failed call rejects with
 * the pack's error text in `details` (gRPC) or `message`.
 */
export interface AnalyzerCalls {
  configureStack(req: analyzerPb.AnalyzerStackConfigureRequest): Promise<unknown>;
  configure(req: analyzerPb.ConfigureAnalyzerRequest): Promise<unknown>;
  analyze(req: analyzerPb.AnalyzeRequest): Promise<analyzerPb.AnalyzeResponse>;
  analyzeStack(req: analyzerPb.AnalyzeStackRequest): Promise<analyzerPb.AnalyzeResponse>;
}

/** What a session knows of the pack it talks to, beyond its answers. */
export interface PackHost {
  logs: PackLog[];
  pid: number | undefined;
  /** Why the pack may have failed a call (its exit and stderr), or "". */
  crashNote(): string;
  close(): Promise<void>;
}

function grpcCalls(client: analyzerGrpc.AnalyzerClient, timeoutMs: number): AnalyzerCalls {
  return {
    configureStack: (req) => call(client.configureStack, client, req, timeoutMs),
    configure: (req) => call(client.configure, client, req, timeoutMs),
    analyze: (req) => call(client.analyze, client, req, timeoutMs),
    analyzeStack: (req) => call(client.analyzeStack, client, req, timeoutMs),
  };
}

/** Starts the pack and its engine; the caller must `close()` it. Useful to overlap start-up with other work. */
export async function startPolicyPack(options: PolicyPackOptions = {}): Promise<RunningPolicyPack> {
  const packDir = path.resolve(options.packDir ?? DEFAULT_PACK_DIR);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let engine: EngineServer | undefined;
  let pack: PackProcess | undefined;
  let client: analyzerGrpc.AnalyzerClient | undefined;
  const close = async () => {
    client?.close();
    await pack?.kill();
    await engine?.close();
  };
  try {
    engine = await startEngineServer();
    pack = await startPackProcess({
      packDir,
      engineAddress: engine.address,
      // As the CLI: the engine address also reaches the SDK's log module through the environment.
      env: { PULUMI_NODEJS_ENGINE: engine.address, PULUMI_NODEJS_DRY_RUN: "true", PULUMI_DRY_RUN: "true", FORCE_COLOR: "0", NO_COLOR: "1" },
      timeoutMs,
      onSpawned: options.onSpawned,
      signal: options.signal,
    });
    client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": 400 * 1024 * 1024,
      "grpc.max_send_message_length": 400 * 1024 * 1024,
    });
    const info = await call(client.getAnalyzerInfo, client, new Empty(), timeoutMs);
    const running = pack;
    const host: PackHost = {
      logs: engine.logs,
      pid: pack.pid,
      crashNote: () => (running.exited() ? ` The pack exited; its stderr: ${firstLines(running.stderr().trim(), 5)}` : ""),
      close,
    };
    return makeRunningPack(info, grpcCalls(client, timeoutMs), host, options);
  } catch (err) {
    await close();
    // A pack that dies while loading reports why through the engine's Log (run-policy-pack's handler).
    const logged = engine?.logs.filter((l) => l.severity === "error").map((l) => l.message.trim()) ?? [];
    if (err instanceof PolicyPackStartError && logged.length) {
      throw new PolicyPackStartError(`${err.message}\nthe pack logged:\n${logged.join("\n")}`);
    }
    throw err;
  }
}

/**
 * A session with a pack that answered GetAnalyzerInfo: resolves the policy config, sends
 * ConfigureStack, Configure, Analyze per resource and AnalyzeStack, and maps the answers (and
 * failed calls, and errors the pack logged) to violations.
 */
export function makeRunningPack(
  info: analyzerPb.AnalyzerInfo,
  calls: AnalyzerCalls,
  host: PackHost,
  options: Pick<PolicyPackOptions, "policyConfig" | "stackFacts"> = {},
): RunningPolicyPack {
  const defaultConfig = options.policyConfig;
  const stackFacts = options.stackFacts ?? {};
  const policies: PolicyInfo[] = info.getPoliciesList().map((p) => ({
    name: p.getName(),
    description: p.getDescription(),
    enforcementLevel: LEVEL_NAMES[p.getEnforcementlevel()] ?? "mandatory",
    severity: SEVERITY_NAMES[p.getSeverity()],
    remediation: p.getRemediationSteps() || undefined,
    kind: p.getPolicyType() === analyzerPb.PolicyType.POLICY_TYPE_STACK ? "stack" : "resource",
  }));
  const descriptors: PolicyDescriptor[] = info.getPoliciesList().map((p) => ({
    name: p.getName(),
    enforcementLevel: LEVEL_NAMES[p.getEnforcementlevel()] ?? "mandatory",
    configProperties: p.getConfigschema()?.getProperties()?.toJavaScript() as PolicyDescriptor["configProperties"],
    required: p.getConfigschema()?.getRequiredList(),
  }));
  const byName = new Map(policies.map((p) => [p.name, p]));

  const analyze = async (plan: Plan, policyConfig = defaultConfig, facts = stackFacts): Promise<PolicyViolation[]> => {
    const resolved = resolvePolicyConfig(descriptors, policyConfig ?? {}, facts);
    const logsBefore = host.logs.length;

    const stackReq = new analyzerPb.AnalyzerStackConfigureRequest();
    stackReq.setStack(plan.stack);
    stackReq.setProject(plan.project);
    stackReq.setOrganization("organization");
    stackReq.setDryRun(true);
    for (const [k, v] of stackConfigMap(plan)) stackReq.getConfigMap().set(k, v);
    stackReq.setConfigSecretKeysList(plan.stackConfig?.secretKeys ?? []);
    await calls.configureStack(stackReq);
    await calls.configure(configureRequest(resolved));

    const violations: PolicyViolation[] = [];
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const structOf = structsOfOneAnalysis();
    const results = await Promise.all(
      plan.resources.map((r) =>
        calls.analyze(analyzeRequest(r, byUrn, structOf)).then(
          (res) => ({ urn: r.urn, res, err: undefined }),
          (err: CallError) => ({ urn: r.urn, res: undefined, err }),
        ),
      ),
    );
    for (const { urn, res, err } of results) {
      if (err) violations.push(failure(err, urn, byName, host));
      else violations.push(...res!.getDiagnosticsList().map((d) => toViolation(d, byName)));
    }
    try {
      const res = await calls.analyzeStack(analyzeStackRequest(plan, structOf));
      violations.push(...res.getDiagnosticsList().map((d) => toViolation(d, byName)));
    } catch (err) {
      violations.push(failure(err as CallError, undefined, byName, host));
    }
    for (const log of host.logs.slice(logsBefore)) {
      if (log.severity === "error") {
        violations.push({
          policyName: PACK_ERROR_POLICY,
          enforcementLevel: "mandatory",
          severity: "high",
          message: `The policy pack reported an error and the plan must not pass unchecked: ${firstLines(log.message)}`,
          urn: log.urn,
          remediation: "Fix the policy pack error shown above; the pack fails closed.",
        });
      }
    }
    return violations;
  };

  return {
    pack: { name: info.getName(), version: info.getVersion() },
    policies,
    logs: host.logs,
    pid: host.pid,
    analyze,
    close: host.close,
  };
}

function configureRequest(resolved: Map<string, ResolvedPolicyConfig>): analyzerPb.ConfigureAnalyzerRequest {
  const req = new analyzerPb.ConfigureAnalyzerRequest();
  for (const [name, c] of resolved) {
    const pc = new analyzerPb.PolicyConfig();
    pc.setEnforcementlevel(LEVEL_ENUMS[c.enforcementLevel]);
    pc.setProperties(toStruct(c.properties));
    req.getPolicyconfigMap().set(name, pc);
  }
  return req;
}

function firstLines(text: string, n = 3): string {
  return text.split("\n").slice(0, n).join(" | ");
}

function toViolation(d: analyzerPb.AnalyzeDiagnostic, byName: ReadonlyMap<string, PolicyInfo>): PolicyViolation {
  const info = byName.get(d.getPolicyname());
  // @pulumi/policy prefixes a string violation with the policy's description and a newline.
  const description = d.getDescription();
  let message = d.getMessage();
  if (description && message.startsWith(`${description}\n`)) message = message.slice(description.length + 1);
  return {
    policyName: d.getPolicyname(),
    enforcementLevel: LEVEL_NAMES[d.getEnforcementlevel()] ?? "mandatory",
    severity: SEVERITY_NAMES[d.getSeverity()] ?? info?.severity ?? "medium",
    message,
    ...(d.getUrn() ? { urn: d.getUrn() } : {}),
    ...(info?.remediation ? { remediation: info.remediation } : {}),
  };
}

/** A failed call: a gRPC ServiceError carries the pack's text in `details`, an in-process one in `message`. */
type CallError = { details?: string; message: string };

/** A failed Analyze/AnalyzeStack call as a mandatory violation (fail closed), blaming the policy when named. */
function failure(err: CallError, urn: string | undefined, byName: ReadonlyMap<string, PolicyInfo>, host: PackHost): PolicyViolation {
  const details = err.details || err.message;
  const blamed = FAILED_POLICY.exec(details)?.[1];
  const policyName = blamed && byName.has(blamed) ? blamed : PACK_ERROR_POLICY;
  const crashed = host.crashNote();
  return {
    policyName,
    enforcementLevel: "mandatory",
    severity: "high",
    message: `Policy ${policyName} must run to completion, but it failed${urn ? "" : " on the stack"}: ${firstLines(details, 2)}.${crashed}`,
    ...(urn ? { urn } : {}),
    remediation: "Fix the policy (or the input it choked on); a policy that cannot run blocks the plan.",
  };
}

/**
 * Starts the repository's pack, to overlap its start-up (loading the SDK and TypeScript and
 * compiling the pack, the longest step of a plan) with other work. Settles to the running pack or
 * to the start error, never rejects: the error is raised where the pack is used, and work that
 * fails first can still stop it (closeEarlyPack).
 */
export function startPackEarly(): EarlyPack {
  const stop = new AbortController();
  let spawned: () => void = () => undefined;
  const running = new Promise<void>((resolve) => (spawned = resolve));
  const starting = startPolicyPack({ onSpawned: spawned, signal: stop.signal }).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  return Object.assign(starting, { spawned: Promise.race([running, starting.then(() => undefined)]), stop: () => stop.abort() });
}

/** A pack started early: it settles to the running pack or to the start error. */
export type EarlyPack = Promise<RunningPolicyPack | Error> & {
  /**
   * Settles once the pack's process runs (or its start failed). Binding the engine's port and
   * spawning take turns of the event loop, so a caller about to load modules synchronously for a
   * second awaits this first, or the pack starts only after that loading.
   */
  spawned: Promise<void>;
  /** Ends a start still under way. */
  stop: () => void;
};

/**
 * Stops an early-started pack that nothing will use: a pack still starting is stopped at once
 * (a bad flag or config should not wait seconds for it to compile), a running one is closed.
 */
export async function closeEarlyPack(starting: Promise<RunningPolicyPack | Error> & Partial<EarlyPack> | undefined): Promise<void> {
  starting?.stop?.();
  const pack = await starting;
  if (pack && !(pack instanceof Error)) await pack.close();
}

/** Starts the pack, analyzes the plan, and stops the pack, within `timeoutMs` for each step. */
export async function runPolicyPack(plan: Plan, options: PolicyPackOptions = {}): Promise<PolicyViolation[]> {
  const running = await startPolicyPack(options);
  try {
    return await running.analyze(plan);
  } finally {
    await running.close();
  }
}
