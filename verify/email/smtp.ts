/**
 * STARTTLS on the MX hosts (RFC 3207): mail to a host that does not offer it crosses the internet
 * in clear text, and MTA-STS or DANE senders refuse it outright. The probe greets the host like a
 * sending server (EHLO), asks for STARTTLS and completes the handshake, then quits; it sends no mail.
 */
import * as net from "node:net";
import * as tls from "node:tls";
import { check } from "../check";
import type { JobContext } from "../context";
import { addressesOf, answersOf, normalizeName } from "../dns/resolver";
import type { Check } from "../types";

/** The name we greet with: reserved (RFC 2606), so it can never be mistaken for a real sender. */
export const EHLO_NAME = "verify.launch-ready.invalid";
export const SMTP_PORT = 25;

export interface StartTlsFacts {
  /** The TCP connection or the greeting failed: we cannot tell (outbound port 25 is often blocked). */
  unreachable?: string;
  /** The server answered, but not as SMTP expects (e.g. 554 at the greeting). */
  refused?: string;
  starttls?: boolean;
  /** STARTTLS was offered but the handshake failed. */
  handshakeError?: string;
  protocol?: string | null;
  trusted?: boolean;
  trustError?: string;
  nameMatches?: boolean;
}

/** Reads SMTP replies (RFC 5321 4.2: "250-" continues, "250 " ends) from a socket, in order. */
class ReplyReader {
  private buf = "";
  private lines: string[] = [];
  private readonly replies: Array<{ code: number; lines: string[] }> = [];
  private waiting?: (r: { code: number; lines: string[] }) => void;
  constructor(sock: net.Socket) {
    sock.on("data", (chunk: Buffer) => {
      this.buf += chunk.toString("latin1");
      let i: number;
      while ((i = this.buf.indexOf("\n")) >= 0) {
        const line = this.buf.slice(0, i).replace(/\r$/, "");
        this.buf = this.buf.slice(i + 1);
        this.lines.push(line);
        if (!/^\d{3}(?: |$)/.test(line)) continue;
        this.replies.push({ code: Number(line.slice(0, 3)), lines: this.lines.map((l) => l.slice(4)) });
        this.lines = [];
        this.deliver();
      }
    });
  }
  private deliver(): void {
    if (!this.waiting || this.replies.length === 0) return;
    const w = this.waiting;
    this.waiting = undefined;
    w(this.replies.shift()!);
  }
  next(): Promise<{ code: number; lines: string[] }> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.deliver();
    });
  }
}

/** Probes one MX host; every wait is bounded by `timeoutMs` in total and by `signal`. */
export function probeStartTls(ctx: JobContext, host: string, address: string, port: number, timeoutMs: number): Promise<StartTlsFacts> {
  return new Promise<StartTlsFacts>((resolve) => {
    let settled = false;
    let secure: tls.TLSSocket | undefined;
    const sock = net.connect({ host: address, port });
    const finish = (facts: StartTlsFacts) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ctx.signal.removeEventListener("abort", onAbort);
      secure?.destroy();
      sock.destroy();
      resolve(facts);
    };
    // A stage that never completes is as unknown as a refused connection: the stage names where it stopped.
    let stage = "connect";
    const timer = setTimeout(() => finish(stage === "tls" ? { starttls: true, handshakeError: `no TLS handshake within ${timeoutMs} ms` } : { unreachable: `no answer at ${stage} within ${timeoutMs} ms` }), timeoutMs);
    const onAbort = () => finish({ unreachable: "aborted" });
    ctx.signal.addEventListener("abort", onAbort, { once: true });
    sock.on("error", (e) => finish(stage === "tls" ? { starttls: true, handshakeError: e.message } : { unreachable: `${address}:${port}: ${e.message}` }));
    const reader = new ReplyReader(sock);
    (async () => {
      stage = "greeting";
      const greeting = await reader.next();
      if (greeting.code !== 220) return finish({ refused: `greets with ${greeting.code} ${greeting.lines.join(" ")}` });
      stage = "EHLO";
      sock.write(`EHLO ${EHLO_NAME}\r\n`);
      const ehlo = await reader.next();
      if (ehlo.code !== 250) return finish({ refused: `answers EHLO with ${ehlo.code} ${ehlo.lines.join(" ")}` });
      if (!ehlo.lines.some((l) => /^STARTTLS\b/i.test(l.trim()))) {
        sock.write("QUIT\r\n");
        return finish({ starttls: false });
      }
      stage = "STARTTLS";
      sock.write("STARTTLS\r\n");
      const go = await reader.next();
      if (go.code !== 220) return finish({ starttls: true, handshakeError: `answers STARTTLS with ${go.code} ${go.lines.join(" ")}` });
      stage = "tls";
      sock.removeAllListeners("data");
      secure = tls.connect({ socket: sock, servername: host, secureContext: ctx.secureContext, rejectUnauthorized: false, checkServerIdentity: () => undefined });
      secure.on("error", (e) => finish({ starttls: true, handshakeError: e.message }));
      secure.once("secureConnect", () => {
        const cert = secure!.getPeerCertificate();
        const nameErr = cert && Object.keys(cert).length ? tls.checkServerIdentity(host, cert) : new Error("no certificate");
        secure!.write("QUIT\r\n");
        finish({
          starttls: true,
          protocol: secure!.getProtocol(),
          trusted: secure!.authorized,
          ...(secure!.authorizationError ? { trustError: String(secure!.authorizationError) } : {}),
          nameMatches: !nameErr,
        });
      });
    })().catch((e: Error) => finish({ unreachable: e.message }));
  });
}

/**
 * Pure judgement. Unreachable is a warning, not a failure: many networks block outbound port 25,
 * and a verdict must not depend on where it runs. No STARTTLS, or a broken handshake, fails. A
 * certificate senders cannot verify warns (opportunistic TLS accepts it; MTA-STS enforce does not).
 */
export function judgeStartTls(host: string, port: number, f: StartTlsFacts): Check {
  if (f.unreachable) return check("email.starttls", host, "warn", `cannot reach SMTP on ${host} port ${port} (${f.unreachable}); outbound port 25 is often blocked: STARTTLS not verified from here`);
  if (f.refused) return check("email.starttls", host, "fail", `${host} ${f.refused}`);
  if (!f.starttls) return check("email.starttls", host, "fail", `${host} does not offer STARTTLS: mail to it crosses the internet in clear text`);
  if (f.handshakeError) return check("email.starttls", host, "fail", `${host} offers STARTTLS but the handshake fails: ${f.handshakeError}`);
  const notes: string[] = [];
  if (f.protocol !== "TLSv1.2" && f.protocol !== "TLSv1.3") notes.push(`negotiates ${f.protocol ?? "nothing"}, under TLS 1.2`);
  if (!f.trusted) notes.push(`certificate not trusted (${f.trustError ?? "unknown reason"})`);
  if (!f.nameMatches) notes.push(`certificate does not cover ${host}`);
  if (notes.length) return check("email.starttls", host, "warn", `STARTTLS works, but ${notes.join("; ")}: MTA-STS enforce senders would refuse it`);
  return check("email.starttls", host, "pass", `offers STARTTLS (${f.protocol}, certificate valid for ${host})`);
}

/** STARTTLS on every live MX host of `name` (a null MX has none). */
export async function checkStartTls(ctx: JobContext, name: string): Promise<Check[]> {
  const res = await ctx.resolver.query(name, "MX", ctx.signal);
  const hosts = [...new Set(answersOf(res, "MX", name).map((a) => normalizeName((a.data as { exchange: string }).exchange)).filter((h) => h !== "" && h !== "."))];
  const port = ctx.options.smtpPort ?? SMTP_PORT;
  return Promise.all(
    hosts.map(async (host) => {
      const [a, aaaa] = await Promise.all([ctx.resolver.query(host, "A", ctx.signal), ctx.resolver.query(host, "AAAA", ctx.signal)]);
      const address = [...addressesOf(a), ...addressesOf(aaaa)][0];
      // No address is email.mx's finding; STARTTLS cannot be probed then.
      if (!address) return check("email.starttls", host, "fail", `${host} has no address: STARTTLS cannot be offered`);
      return judgeStartTls(host, port, await probeStartTls(ctx, host, address, port, 3 * ctx.options.timeoutMs));
    }),
  );
}
