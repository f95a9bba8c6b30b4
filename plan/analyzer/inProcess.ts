/**
 * The pack's own analyzer service called in this process, for tests: no process start, no
 * type-check, no HTTP/2 per analysis. Everything else is the real path: the pack's index constructs
 * its PolicyPack, whose serve() (@pulumi/policy server.js) registers the handlers a gRPC server
 * would call; we take them at addService and bind no port. A session is plan/analyze.ts's
 * (same requests, config resolution and violation mapping); each answer goes through the service
 * definition's own protobuf codecs, as on the wire.
 *
 * Why the whole service and not just the exported makeAnalyzeRpcFun: policies read their config
 * (and levels) from server.js's private state, which only its unexported `configure` handler sets.
 *
 * Not covered here, by design: the pack's type-check (ts-jest only transpiles it; `npm test`'s tsc
 * includes policies/), its process lifecycle and engine logs. test/plan/process/analyze.test.ts and
 * test/plan/process/inProcess.test.ts run the real pack.
 */
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerCalls, DEFAULT_PACK_DIR, makeRunningPack, PolicyPackOptions, RunningPolicyPack } from "../analyze";
import { PolicyPackStartError } from "./packProcess";

type Method = keyof analyzerGrpc.IAnalyzerServer;
type Handler = (call: { request: unknown }, callback: (err: Error | null | undefined, res?: unknown) => void) => unknown;
type Handlers = Partial<Record<Method, Handler>>;

/**
 * serve() allows one pack per module registry (a second exits the process), so a pack loads once
 * per registry; this map lives in the same registry as the server module it caches handlers of.
 */
const loaded = new Map<string, Handlers>();

/** Loads the pack with the gRPC server's addService/bindAsync (and process.exit) stood in for, synchronously. */
function loadPackHandlers(packDir: string): Handlers {
  const known = loaded.get(packDir);
  if (known) return known;
  let handlers: Handlers | undefined;
  const proto = grpc.Server.prototype;
  const { addService, bindAsync } = proto;
  const { exit } = process;
  const cwd = process.cwd();
  proto.addService = function (this: grpc.Server, service, implementation) {
    if (service === analyzerGrpc.AnalyzerService) handlers = implementation as Handlers;
    else addService.call(this, service, implementation);
  };
  proto.bindAsync = () => {};
  // serve() exits on a bad pack (an invalid name, a second pack); here that must fail the load, not the test process.
  process.exit = ((code?: number) => {
    throw new PolicyPackStartError(`policy pack in ${packDir} exited (exit code ${code ?? 0}) while loading; see its console.error output`);
  }) as typeof process.exit;
  try {
    // As the CLI: the pack runs in its folder (PolicyPack reads its version from ./package.json).
    process.chdir(packDir);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(packDir);
  } catch (err) {
    if (err instanceof PolicyPackStartError) throw err;
    throw new PolicyPackStartError(`policy pack in ${packDir} failed to load: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    process.chdir(cwd);
    process.exit = exit;
    proto.addService = addService;
    proto.bindAsync = bindAsync;
  }
  if (!handlers) throw new PolicyPackStartError(`policy pack in ${packDir} loaded but constructed no PolicyPack`);
  loaded.set(packDir, handlers);
  return handlers;
}

/**
 * Calls a handler as the gRPC server would, the answer encoded and decoded again. The request is
 * handed over as built: encoding it was a third of a policy test's time, and the suites over the
 * real protocol (test/plan/process/analyze.test.ts, test/plan/process/inProcess.test.ts) send
 * every kind of request through its bytes.
 */
function invoke<Res>(handlers: Handlers, method: Method, request: unknown): Promise<Res> {
  const handler = handlers[method];
  const def = analyzerGrpc.AnalyzerService[method] as grpc.MethodDefinition<unknown, unknown>;
  if (!handler) return Promise.reject(new Error(`the pack serves no ${method}`));
  return new Promise<Res>((resolve, reject) => {
    handler({ request }, (err, res) =>
      err ? reject(err) : resolve(def.responseDeserialize(def.responseSerialize(res)) as Res),
    );
  });
}

/** startPolicyPack's counterpart without the process: the same RunningPolicyPack, `pid` undefined, no engine logs. */
export async function startInProcessPolicyPack(options: Pick<PolicyPackOptions, "packDir" | "policyConfig" | "stackFacts"> = {}): Promise<RunningPolicyPack> {
  const handlers = loadPackHandlers(path.resolve(options.packDir ?? DEFAULT_PACK_DIR));
  const calls: AnalyzerCalls = {
    configureStack: (req) => invoke(handlers, "configureStack", req),
    configure: (req) => invoke(handlers, "configure", req),
    analyze: (req) => invoke(handlers, "analyze", req),
    analyzeStack: (req) => invoke(handlers, "analyzeStack", req),
  };
  const info = await invoke<analyzerPb.AnalyzerInfo>(handlers, "getAnalyzerInfo", new Empty());
  return makeRunningPack(info, calls, { logs: [], pid: undefined, crashNote: () => "", close: async () => {} }, options);
}
