/**
 * A minimal Pulumi engine on loopback, over gRPC: the resource monitor and engine services the
 * language host points a program at (`--monitor`, `--engine`). Every call is answered by the
 * offline plan's PlanMonitor (plan/monitor.ts), so a program run through the SDK's real entry
 * point records exactly what the offline plan records; the engine service takes logs and the root
 * stack resource. Unimplemented calls (GetDeploymentInfo, SignalAndWaitForShutdown) answer
 * UNIMPLEMENTED, which the SDK accepts as an older engine (runtime/settings.js).
 */
import * as grpc from "@grpc/grpc-js";
import { PlanMonitor, type InvokeAnswer } from "../monitor";

/* eslint-disable @typescript-eslint/no-require-imports */
const resourceGrpc = require("@pulumi/pulumi/proto/resource_grpc_pb") as { ResourceMonitorService: grpc.ServiceDefinition };
const resourcePb = require("@pulumi/pulumi/proto/resource_pb") as { SupportsFeatureResponse: new () => { setHassupport(v: boolean): void } };
const engineGrpc = require("@pulumi/pulumi/proto/engine_grpc_pb") as { EngineService: grpc.ServiceDefinition };
const enginePb = require("@pulumi/pulumi/proto/engine_pb") as {
  GetRootResourceResponse: new () => { setUrn(v: string): void };
  SetRootResourceResponse: new () => object;
};
const { Empty } = require("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => object };
/* eslint-enable @typescript-eslint/no-require-imports */

/** A log line the program sent to the engine (severity as the proto numbers it: 0 debug .. 3 error). */
export interface EngineLog {
  severity: number;
  message: string;
}

export interface LoopbackEngine {
  monitor: PlanMonitor;
  logs: EngineLog[];
  monitorAddress: string;
  engineAddress: string;
  close(): Promise<void>;
}

type Callback = (err: unknown, resp?: unknown) => void;
type Unary = (call: { request: unknown }, callback: Callback) => void;

/** What the offline plan's mock engine advertises (plan/render.ts): output values stay off. */
const UNSUPPORTED_FEATURES = new Set(["outputValues", "transforms", "parameterization", "resourceHooks", "errorHooks"]);

export async function startLoopbackEngine(project: string, stack: string, answer?: InvokeAnswer): Promise<LoopbackEngine> {
  const monitor = new PlanMonitor(project, stack, answer);
  const logs: EngineLog[] = [];
  let rootUrn = "";
  const server = new grpc.Server();
  const delegate = (method: (req: never, cb: Callback) => unknown): Unary => (call, callback) => void method.call(monitor, call.request as never, callback);
  const monitorService: Record<string, Unary> = {
    supportsFeature: (call, callback) => {
      const response = new resourcePb.SupportsFeatureResponse();
      response.setHassupport(!UNSUPPORTED_FEATURES.has((call.request as { getId(): string }).getId()));
      callback(null, response);
    },
    // The monitor's own response carries the state as the in-process mock keeps it, which may hold
    // values the wire cannot (the SDK then fails "unexpected undefined property value"); preview
    // semantics are the inputs flowing to the outputs, so the request's own Struct is answered.
    registerResource: (call, callback) =>
      void monitor.registerResource(call.request as never, (err, resp) => {
        if (err) return callback(err);
        const answer = resp as { getObject(): unknown; setObject(v: unknown): void };
        answer.setObject((call.request as { getObject(): unknown }).getObject());
        callback(null, answer);
      }),
    invoke: delegate((monitor as unknown as { invoke: (req: never, cb: Callback) => unknown }).invoke),
    readResource: delegate((monitor as unknown as { readResource: (req: never, cb: Callback) => unknown }).readResource),
    registerResourceOutputs: (call, callback) => monitor.registerResourceOutputs(call.request as never, (err) => callback(err ?? null, err ? undefined : new Empty())),
  };
  server.addService(resourceGrpc.ResourceMonitorService, monitorService as grpc.UntypedServiceImplementation);
  const engineService: Record<string, Unary> = {
    log: (call, callback) => {
      const req = call.request as { getSeverity(): number; getMessage(): string };
      logs.push({ severity: req.getSeverity(), message: req.getMessage() });
      callback(null, new Empty());
    },
    getRootResource: (_call, callback) => {
      const response = new enginePb.GetRootResourceResponse();
      response.setUrn(rootUrn);
      callback(null, response);
    },
    setRootResource: (call, callback) => {
      rootUrn = (call.request as { getUrn(): string }).getUrn();
      callback(null, new enginePb.SetRootResourceResponse());
    },
  };
  server.addService(engineGrpc.EngineService, engineService as grpc.UntypedServiceImplementation);
  // Loopback only, an ephemeral port: nothing leaves the machine.
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound))),
  );
  const address = `127.0.0.1:${port}`;
  return {
    monitor,
    logs,
    monitorAddress: address,
    engineAddress: address,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
