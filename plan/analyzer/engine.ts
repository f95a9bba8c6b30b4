/**
 * The engine side of the analyzer protocol that a policy pack calls back: a gRPC Engine server on
 * loopback that records the pack's Log messages (a pack reports uncaught errors there).
 */
import { stripVTControlCharacters } from "node:util";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as engineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as enginePb from "@pulumi/pulumi/proto/engine_pb";

export type LogLevel = "debug" | "info" | "warning" | "error";

export interface PackLog {
  severity: LogLevel;
  message: string;
  urn?: string;
}

const LEVELS: Record<number, LogLevel> = {
  [enginePb.LogSeverity.DEBUG]: "debug",
  [enginePb.LogSeverity.INFO]: "info",
  [enginePb.LogSeverity.WARNING]: "warning",
  [enginePb.LogSeverity.ERROR]: "error",
};

export interface EngineServer {
  /** `127.0.0.1:<port>`, for the pack's command line and PULUMI_NODEJS_ENGINE. */
  address: string;
  logs: PackLog[];
  close(): Promise<void>;
}

export async function startEngineServer(): Promise<EngineServer> {
  const logs: PackLog[] = [];
  const server = new grpc.Server();
  const impl: engineGrpc.IEngineServer = {
    log: (call, callback) => {
      const req = call.request;
      // The SDK colours stack traces; keep the text plain for messages and JSON.
      logs.push({ severity: LEVELS[req.getSeverity()] ?? "error", message: stripVTControlCharacters(req.getMessage()), urn: req.getUrn() || undefined });
      callback(null, new Empty());
    },
    getRootResource: (_call, callback) => callback(null, new enginePb.GetRootResourceResponse()),
    setRootResource: (_call, callback) => callback(null, new enginePb.SetRootResourceResponse()),
    startDebugging: (_call, callback) => callback({ code: grpc.status.UNIMPLEMENTED, details: "not implemented by the offline engine" }, null),
    requirePulumiVersion: (_call, callback) => callback(null, new enginePb.RequirePulumiVersionResponse()),
  };
  server.addService(engineGrpc.EngineService, impl);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    logs,
    close: () =>
      new Promise<void>((resolve) => {
        // A pack killed mid-call can leave a stream open; do not wait on it for long.
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 500);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
