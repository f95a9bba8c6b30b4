/**
 * The TLS job against loopback servers with protocol behaviours the shared web fixture does not
 * have: a server that still accepts TLS 1.0/1.1 fails, one that refuses them passes, and one that
 * never answers a legacy hello cannot be judged (a warning, never a pass).
 */
import * as net from "node:net";
import * as tls from "node:tls";
import type { JobContext } from "../../verify/context";
import type { Resolver } from "../../verify/dns/resolver";
import { checkTls } from "../../verify/http/tls";
import type { VerifyTarget } from "../../verify/types";
import { TestCa } from "./support/pki";

const HOST = "legacy.example.test";
const ca = new TestCa();
const issued = ca.issue([HOST]);
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
const controller = new AbortController();
afterAll(async () => {
  controller.abort();
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

/** A resolver that answers every A query with `address` and has no CAA anywhere. */
const resolver = (address: string): Resolver => ({
  server: { host: "127.0.0.1", port: 53 },
  query: async (name, type) => ({ rcode: "NOERROR", answers: type === "A" ? [{ name, type: "A", ttl: 60, data: address }] : [] }),
});

async function listen(server: net.Server, address: string): Promise<number> {
  servers.push(server);
  server.on("connection", (c: net.Socket) => (sockets.add(c), c.on("close", () => sockets.delete(c))));
  await new Promise<void>((r) => server.listen(0, address, () => r()));
  return (server.address() as net.AddressInfo).port;
}

const ctx = (port: number, address: string): JobContext => ({
  target: { apex: "example.test" } as VerifyTarget,
  options: { timeoutMs: 400, httpsPort: port, extraCa: ca.cert } as JobContext["options"],
  resolver: resolver(address),
  edge: [],
  signal: controller.signal,
  secureContext: tls.createSecureContext({ ca: [...tls.rootCertificates, ca.cert] }),
  now: new Date(),
});

const legacyOf = async (port: number, address: string) => (await checkTls(ctx(port, address), HOST)).find((c) => c.target === `${HOST} legacy`)!;

test("a server that still accepts TLS 1.0/1.1 fails tls.version", async () => {
  const port = await listen(tls.createServer({ key: issued.key, cert: issued.cert, minVersion: "TLSv1", ciphers: "DEFAULT@SECLEVEL=0" }, (s) => s.end()), "127.0.1.21");
  expect(await legacyOf(port, "127.0.1.21")).toMatchObject({ id: "tls.version", status: "fail", severity: "high", message: expect.stringMatching(/accepts TLSv1(\.1)?; disable TLS 1\.0 and 1\.1/) });
});

test("a server that refuses them passes; the rest of the job (chain, CAA) judges as usual", async () => {
  const port = await listen(tls.createServer({ key: issued.key, cert: issued.cert }, (s) => s.end()), "127.0.1.22");
  const checks = await checkTls(ctx(port, "127.0.1.22"), HOST);
  expect(checks.find((c) => c.target === `${HOST} legacy`)).toMatchObject({ status: "pass", message: "refuses TLS 1.0 and 1.1" });
  expect(checks.find((c) => c.id === "tls.chain")!.status).toBe("pass");
  expect(checks.find((c) => c.id === "dns.caa")).toMatchObject({ status: "pass", message: expect.stringMatching(/no CAA records/) });
});

test("a server that answers the modern hello but never the legacy one cannot be judged: a warning, not a pass", async () => {
  // The first connection gets TLS; later ones are held open in silence.
  const modern = tls.createServer({ key: issued.key, cert: issued.cert }, (s) => s.end());
  let first = true;
  const port = await listen(net.createServer((sock) => {
    sock.on("error", () => undefined);
    if (first) {
      first = false;
      modern.emit("connection", sock);
    }
  }), "127.0.1.23");
  expect(await legacyOf(port, "127.0.1.23")).toMatchObject({ status: "warn", message: expect.stringMatching(/could not tell whether TLS 1\.0\/1\.1 are refused \(no TLS handshake within 400 ms\)/) });
});
