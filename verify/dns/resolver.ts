/**
 * A DNS client over a server we choose (`--resolver`), not the system's: dns-packet over UDP, with
 * a TCP retry when the answer is truncated. Every query has a timeout and honours an AbortSignal;
 * answers are memoised per run so concurrent checks share one query per (name, type).
 */
import * as dgram from "node:dgram";
import * as net from "node:net";
import * as packet from "dns-packet";
import type { Endpoint } from "../types";

export type QueryType = "A" | "AAAA" | "CNAME" | "MX" | "TXT" | "CAA" | "NS";

/** A resource record (the OPT pseudo-record of EDNS is dropped). */
export type RR = Exclude<packet.Answer, packet.OptAnswer>;

export interface DnsAnswer {
  /** NOERROR or NXDOMAIN; other rcodes raise DnsQueryError. */
  rcode: "NOERROR" | "NXDOMAIN";
  answers: RR[];
}

/** The resolver could not give an answer: SERVFAIL, REFUSED, timeout, network error. */
export class DnsQueryError extends Error {
  constructor(readonly qname: string, readonly qtype: QueryType, readonly reason: string, readonly server: Endpoint) {
    super(`${qname} ${qtype}: ${reason} (resolver ${server.host}:${server.port})`);
    this.name = "DnsQueryError";
  }
}

// EDNS buffer size recommended by DNS Flag Day 2020 (https://dnsflagday.net/2020/): avoids IP
// fragmentation, and larger answers come back truncated and are retried over TCP.
const EDNS_UDP_SIZE = 1232;

export interface Resolver {
  query(name: string, type: QueryType, signal?: AbortSignal): Promise<DnsAnswer>;
  readonly server: Endpoint;
}

function encodeQuery(name: string, type: QueryType): { id: number; buf: Buffer } {
  const id = Math.floor(Math.random() * 65535);
  const buf = packet.encode({
    type: "query",
    id,
    flags: packet.RECURSION_DESIRED,
    questions: [{ type, name }],
    additionals: [{ type: "OPT", name: ".", udpPayloadSize: EDNS_UDP_SIZE, flags: 0 } as never],
  });
  return { id, buf };
}

function abortable<T>(signal: AbortSignal | undefined, timeoutMs: number, start: (done: (err: Error | null, v?: T) => void) => () => void, what: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let cleanup: () => void = () => undefined;
    const finish = (err: Error | null, v?: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      cleanup();
      if (err) reject(err);
      else resolve(v as T);
    };
    const onAbort = () => finish(new Error("aborted"));
    const timer = setTimeout(() => finish(what()), timeoutMs);
    if (signal?.aborted) return finish(new Error("aborted"));
    signal?.addEventListener("abort", onAbort);
    cleanup = start(finish);
  });
}

function udpQuery(server: Endpoint, name: string, type: QueryType, timeoutMs: number, signal?: AbortSignal): Promise<packet.Packet> {
  const { id, buf } = encodeQuery(name, type);
  return abortable<packet.Packet>(signal, timeoutMs, (done) => {
    const sock = dgram.createSocket(net.isIPv6(server.host) ? "udp6" : "udp4");
    // A connected socket takes replies from the server only, and hears the ICMP "port unreachable"
    // of a server that is not there as ECONNREFUSED at once instead of waiting out the timeout.
    sock.on("error", (e: NodeJS.ErrnoException) => done(e.code === "ECONNREFUSED" ? new Error("refused: nothing answers DNS at that address and port") : e));
    sock.on("message", (msg) => {
      try {
        const res = packet.decode(msg);
        if (res.id === id) done(null, res); // ignore stray or spoofed replies
      } catch {
        /* malformed datagram: keep waiting until the timeout */
      }
    });
    sock.connect(server.port, server.host, () => sock.send(buf, (e) => e && done(e)));
    return () => {
      try {
        sock.close();
      } catch {
        /* already closed by an error */
      }
    };
  }, () => new Error(`no answer within ${timeoutMs} ms`));
}

function tcpQuery(server: Endpoint, name: string, type: QueryType, timeoutMs: number, signal?: AbortSignal): Promise<packet.Packet> {
  const { id, buf } = encodeQuery(name, type);
  return abortable<packet.Packet>(signal, timeoutMs, (done) => {
    const sock = net.connect({ host: server.host, port: server.port });
    let data = Buffer.alloc(0);
    sock.on("connect", () => sock.write(packet.streamEncode(packet.decode(buf))));
    sock.on("data", (chunk) => {
      data = Buffer.concat([data, chunk]);
      if (data.length >= 2 && data.length >= 2 + data.readUInt16BE(0)) {
        try {
          const res = packet.streamDecode(data);
          if (res.id === id) done(null, res);
          else done(new Error("answer with a wrong id over TCP"));
        } catch (e) {
          done(new Error(`malformed TCP answer: ${(e as Error).message}`));
        }
      }
    });
    sock.on("error", (e) => done(e));
    sock.on("close", () => done(new Error("connection closed before an answer")));
    return () => sock.destroy();
  }, () => new Error(`no TCP answer within ${timeoutMs} ms`));
}

/**
 * A resolver on `server`; `timeoutMs` bounds one query including its TCP retry. Queries are shared
 * between checks, so they run under the run-wide `runSignal`; each caller's own signal only stops
 * its wait (one check timing out must not fail another check's identical query).
 */
export function createResolver(server: Endpoint, timeoutMs: number, runSignal?: AbortSignal): Resolver {
  const cache = new Map<string, Promise<DnsAnswer>>();
  async function run(name: string, type: QueryType): Promise<DnsAnswer> {
    const started = Date.now();
    let res: packet.Packet;
    try {
      res = await udpQuery(server, name, type, timeoutMs, runSignal);
      if ((res as { flag_tc?: boolean }).flag_tc) res = await tcpQuery(server, name, type, Math.max(1, timeoutMs - (Date.now() - started)), runSignal);
    } catch (e) {
      throw new DnsQueryError(name, type, (e as Error).message, server);
    }
    const rcode = (res as { rcode?: string }).rcode ?? "NOERROR";
    if (rcode !== "NOERROR" && rcode !== "NXDOMAIN") throw new DnsQueryError(name, type, rcode, server);
    return { rcode, answers: (res.answers ?? []).filter((a): a is RR => a.type !== "OPT") };
  }
  return {
    server,
    query(name, type, signal) {
      const key = `${norm(name)}|${type}`;
      let p = cache.get(key);
      if (!p) {
        p = run(name, type);
        cache.set(key, p);
      }
      return signal ? raceSignal(p, signal) : p;
    },
  };
}

/** `p`, or a rejection as soon as `signal` aborts. */
export function raceSignal<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error("aborted"));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => (signal.removeEventListener("abort", onAbort), resolve(v)),
      (e) => (signal.removeEventListener("abort", onAbort), reject(e)),
    );
  });
}

const norm = (n: string) => n.toLowerCase().replace(/\.$/, "");

/** Answers of `type` owned by `name` (a CNAME chain's final records are owned by the target). */
export function answersOf(res: DnsAnswer, type: string, name?: string): RR[] {
  return res.answers.filter((a) => a.type === type && (name === undefined || norm(a.name) === norm(name)));
}

/** Every A/AAAA address in the answer, following any CNAME chain the resolver included. */
export function addressesOf(res: DnsAnswer): string[] {
  return res.answers.filter((a) => a.type === "A" || a.type === "AAAA").map((a) => String(a.data));
}

/** TXT records as strings: each record's character-strings joined without spaces (RFC 7208 3.3). */
export function txtStrings(res: DnsAnswer, name: string): Array<{ text: string; parts: string[] }> {
  return answersOf(res, "TXT", name).map((a) => {
    const data = a.data as packet.TxtData;
    const parts = (Array.isArray(data) ? data : [data]).map((p) => (Buffer.isBuffer(p) ? p.toString("utf8") : String(p)));
    return { text: parts.join(""), parts };
  });
}

/** Finds a host's address through the resolver: A first, then AAAA. */
export async function resolveAddress(resolver: Resolver, host: string, signal?: AbortSignal): Promise<string | undefined> {
  for (const type of ["A", "AAAA"] as const) {
    const res = await resolver.query(host, type, signal);
    const addrs = addressesOf(res);
    if (addrs.length) return addrs[0];
  }
  return undefined;
}

export { norm as normalizeName };
