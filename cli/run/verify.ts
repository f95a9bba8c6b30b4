/**
 * `launch-ready verify`: check the live public surface of a stack (DNS, redirects, TLS, headers,
 * email auth, smoke routes, p95) against what it declares, and answer GO or NO-GO.
 * Exit 0 GO, 1 NO-GO, 2 usage or config error.
 */
import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { writeFilesAtomically } from "../writeFiles";
import { UserError, EXIT_FINDINGS } from "../errors";
import { CLOUDFLARE_RANGES } from "../../verify/cloudflare-ranges";
import { parseCidrList } from "../../verify/edge";
import { renderJunit, renderText } from "../../verify/render";
import { runVerify } from "../../verify/runner";
import { buildReport } from "../../verify/report";
import { createResolver } from "../../verify/dns/resolver";
import { judgeMessage, mailResolver } from "../../verify/email/message";
import { targetFromPlan } from "../../verify/target";
import type { SecretFingerprint } from "../../verify/clientcode/scan";
import { parseSecretValues } from "../../verify/clientcode/secretValues";
import type { Endpoint, VerifyOptions, VerifyReport } from "../../verify/types";
import type { Plan } from "../../plan/types";
import { loadPlanFile, PlanInputError } from "../../plan/model/load";

export interface VerifyFlags {
  stack?: string;
  configFile?: string;
  plan?: string;
  json?: boolean;
  junit?: string;
  resolver?: string;
  edgeRanges?: string;
  caFile?: string;
  httpPort?: string;
  httpsPort?: string;
  smtpPort?: string;
  samples?: string;
  timeoutMs?: string;
  concurrency?: string;
  /** Bare: every private address (warns); a value: the CIDRs whose private addresses are accepted. */
  allowPrivateAddresses?: boolean | string;
  /** Saved received messages (.eml) to judge instead of the live stack. */
  message?: string[];
  expectCommit?: string;
  secretValues?: string;
}

/** What the bare flag prints: it keeps its old meaning, which is wider than a split-horizon staging needs. */
export const BARE_ALLOW_PRIVATE_WARNING =
  "warning: --allow-private-addresses without ranges accepts every private, loopback and link-local address in public names; name the split-horizon ranges instead, e.g. --allow-private-addresses 10.20.0.0/16,fd00::/8\n";

/** "IP" or "IP:PORT" ("[v6]:PORT" for IPv6). */
export function parseResolver(value: string): Endpoint {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(value) ?? (net.isIPv6(value) ? [value, value, undefined] : /^([^:]+)(?::(\d+))?$/.exec(value));
  const host = m?.[1];
  const port = m?.[2] === undefined ? 53 : Number(m[2]);
  if (!host || !net.isIP(host) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UserError(`--resolver ${JSON.stringify(value)} is not a resolver address; expected IP or IP:PORT, e.g. 127.0.0.1:5353 or [::1]:53`);
  }
  return { host, port };
}

/** The first nameserver of /etc/resolv.conf: the resolver the system itself would use. */
export function systemResolver(text: string): Endpoint | undefined {
  const line = text.split(/\r?\n/).map((l) => /^\s*nameserver\s+(\S+)/.exec(l)?.[1]).find((h) => h && net.isIP(h.replace(/%.*$/, "")));
  return line ? { host: line.replace(/%.*$/, ""), port: 53 } : undefined;
}

function intFlag(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UserError(`--${name} ${JSON.stringify(value)} is not valid; an integer from ${min} to ${max} is expected`);
  return n;
}

function readFile(flag: string, path: string): string {
  try {
    return fs.readFileSync(path, "utf8");
  } catch (e) {
    throw new UserError(`--${flag} ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Flags to options; every bad value becomes a UserError naming the flag and what is expected. */
export function optionsFromFlags(flags: VerifyFlags, resolvConf: () => string = () => fs.readFileSync("/etc/resolv.conf", "utf8")): Omit<VerifyOptions, "onProgress"> {
  let resolver: Endpoint;
  if (flags.resolver !== undefined) resolver = parseResolver(flags.resolver);
  else {
    let text = "";
    try {
      text = resolvConf();
    } catch {
      /* reported below */
    }
    const sys = systemResolver(text);
    if (!sys) throw new UserError("no nameserver in /etc/resolv.conf; pass --resolver IP:PORT");
    resolver = sys;
  }
  let edgeRanges = [...CLOUDFLARE_RANGES];
  if (flags.edgeRanges !== undefined) {
    try {
      edgeRanges = parseCidrList(readFile("edge-ranges", flags.edgeRanges), `--edge-ranges ${flags.edgeRanges}`);
    } catch (e) {
      throw e instanceof UserError ? e : new UserError((e as Error).message);
    }
  }
  let extraCa: string | undefined;
  if (flags.caFile !== undefined) {
    extraCa = readFile("ca-file", flags.caFile);
    if (!extraCa.includes("-----BEGIN CERTIFICATE-----")) throw new UserError(`--ca-file ${flags.caFile}: no PEM certificate in it; a file with "-----BEGIN CERTIFICATE-----" is expected`);
    // A header around garbage would make every host's TLS fail (exit 1); each block must parse as X.509.
    for (const block of extraCa.match(/-----BEGIN CERTIFICATE-----[\s\S]*?(-----END CERTIFICATE-----|$)/g) ?? []) {
      try {
        new X509Certificate(block);
      } catch {
        throw new UserError(`--ca-file ${flags.caFile}: a "BEGIN CERTIFICATE" block is not a valid PEM X.509 certificate; a CA certificate in PEM form is expected`);
      }
    }
  }
  return {
    resolver,
    edgeRanges,
    extraCa,
    httpPort: intFlag("http-port", flags.httpPort, 80, 1, 65535),
    httpsPort: intFlag("https-port", flags.httpsPort, 443, 1, 65535),
    ...(flags.smtpPort !== undefined ? { smtpPort: intFlag("smtp-port", flags.smtpPort, 25, 1, 65535) } : {}),
    ...(flags.samples !== undefined ? { samples: intFlag("samples", flags.samples, 20, 1, 1000) } : {}),
    timeoutMs: intFlag("timeout-ms", flags.timeoutMs, 5000, 50, 120000),
    concurrency: intFlag("concurrency", flags.concurrency, 16, 1, 256),
    allowPrivateAddresses: flags.allowPrivateAddresses === true,
    ...(flags.expectCommit !== undefined ? { expectCommit: commitFlag(flags.expectCommit) } : {}),
    ...(flags.secretValues !== undefined ? { secretFingerprints: secretValuesFlag(flags.secretValues) } : {}),
    ...(typeof flags.allowPrivateAddresses === "string" ? { privateAddressRanges: privateRanges(flags.allowPrivateAddresses) } : {}),
  };
}

/** `--secret-values FILE`: fingerprints only; a bad line is a usage error naming the line, never its value. */
function secretValuesFlag(file: string): SecretFingerprint[] {
  try {
    return parseSecretValues(readFile("secret-values", file), `--secret-values ${file}`);
  } catch (e) {
    throw e instanceof UserError ? e : new UserError(`${(e as Error).message}`);
  }
}

function commitFlag(value: string): string {
  if (!/^[0-9a-f]{7,40}$/i.test(value)) throw new UserError(`--expect-commit ${JSON.stringify(value)} is not a commit; a git SHA of 7 to 40 hex digits is expected`);
  return value;
}

/** `--allow-private-addresses CIDR[,CIDR]`: each a CIDR range, read by the same parser as --edge-ranges. */
function privateRanges(value: string): string[] {
  if (value.trim() === "") throw new UserError(`--allow-private-addresses "": a CIDR list is expected, e.g. 10.20.0.0/16,fd00::/8 (or the bare flag to accept every private address)`);
  try {
    return parseCidrList(value.replace(/,/g, " "), "--allow-private-addresses");
  } catch (e) {
    throw new UserError((e as Error).message.replace(" line 1", ""));
  }
}

async function loadPlan(flags: VerifyFlags): Promise<Plan> {
  if (flags.plan !== undefined) {
    if (flags.stack !== undefined || flags.configFile !== undefined) throw new UserError("--plan reads a rendered plan; it cannot be combined with --stack or --config-file");
    // Validated once against the plan model (plan/model): a bad file names the path in it and what is expected.
    try {
      return loadPlanFile(flags.plan, "--plan");
    } catch (e) {
      if (e instanceof PlanInputError) throw new UserError(e.message);
      throw e;
    }
  }
  // Rendered the same way as `launch-ready plan`, so config errors read the same.
  const { renderForCli } = require("./plan") as typeof import("./plan");
  return (await renderForCli({ stack: flags.stack, configFile: flags.configFile })).plan;
}

/**
 * `--message FILE.eml ...`: judge saved received messages instead of the live stack. Every file is
 * read before anything is judged, so a missing one is a usage error (exit 2) with nothing printed.
 * DNS goes to the same resolver as the live checks (--resolver, else the system's).
 */
export async function verifyMessages(files: string[], options: Pick<VerifyOptions, "resolver" | "timeoutMs">): Promise<VerifyReport> {
  const raws = files.map((f) => {
    try {
      return { file: f, raw: fs.readFileSync(f) };
    } catch (e) {
      throw new UserError(`--message ${f}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); a saved message (.eml, the receiver's "show original") is expected`);
    }
  });
  const resolver = mailResolver(createResolver(options.resolver, options.timeoutMs));
  const t0 = Date.now();
  const checks = (await Promise.all(raws.map(({ file, raw }) => judgeMessage(file, raw, resolver)))).flat();
  const ms = Date.now() - t0;
  return buildReport(checks, { runMs: ms, sumOfJobsMs: ms, jobs: raws.length, boundMs: ms }, [], []);
}

/** The `--json` document: `{verdict, checks: [{id, target, status, severity, message}], risks, notes, timing}`. */
export function jsonReport(report: VerifyReport): object {
  const checks = report.checks.map(({ id, target, status, severity, message }) => ({ id, target, status, severity, message }));
  return { verdict: report.verdict, ...(report.summary ? { summary: report.summary } : {}), checks, risks: report.risks, notes: report.notes, timing: report.timing };
}

function writeJunit(file: string, report: VerifyReport): void {
  try {
    writeFilesAtomically([{ path: path.resolve(file), content: renderJunit(report) }]);
  } catch (e) {
    throw new UserError(`--junit ${file}: ${(e as Error).message}`);
  }
}

/** The command's action: what commander calls with the parsed arguments and flags. */
export async function run(flags: VerifyFlags): Promise<void> {
  const options = optionsFromFlags(flags);
  if (flags.allowPrivateAddresses === true) process.stderr.write(BARE_ALLOW_PRIVATE_WARNING);
  if (flags.message?.length) {
    if (flags.plan !== undefined || flags.stack !== undefined || flags.configFile !== undefined) throw new UserError("--message judges saved messages on their own; it cannot be combined with --stack, --config-file or --plan");
    const report = await verifyMessages(flags.message, options);
    if (flags.junit) writeJunit(flags.junit, report);
    process.stdout.write(flags.json ? JSON.stringify(jsonReport(report), null, 2) + "\n" : renderText(report));
    if (report.verdict === "NO-GO") process.exitCode = EXIT_FINDINGS;
    return;
  }
  const plan = await loadPlan(flags);
  let target;
  try {
    target = targetFromPlan(plan);
  } catch (e) {
    throw new UserError(`cannot tell what to verify: ${(e as Error).message}`);
  }
  const tty = process.stderr.isTTY;
  const report = await runVerify(target, {
    ...options,
    onProgress: ({ done, total, job, ms }) => process.stderr.write(tty ? `\r\x1b[K[${done}/${total}] ${job} (${Math.round(ms)} ms)` : `[${done}/${total}] ${job} (${Math.round(ms)} ms)\n`),
  });
  if (tty) process.stderr.write("\n");
  if (flags.junit) writeJunit(flags.junit, report);
  if (flags.json) process.stdout.write(JSON.stringify(jsonReport(report), null, 2) + "\n");
  else process.stdout.write(renderText(report));
  if (report.verdict === "NO-GO") process.exitCode = EXIT_FINDINGS;
}
