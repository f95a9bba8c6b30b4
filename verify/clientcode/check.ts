/**
 * `client.secrets`: a web host's pages (the smoke routes), their same-site scripts and source
 * maps, scanned for credentials and the stack's own secret values. A finding is a critical NO-GO
 * naming the file and rule, the value masked.
 */
import { fail, pass, warn } from "../check";
import type { JobContext } from "../context";
import { edgeCounts, rulesCounting, describeRule } from "../ratelimit";
import type { Check, VerifyHost } from "../types";
import { DnsQueryError } from "../dns/resolver";
import { fetchVia } from "../http/via";
import { crawl, CRAWL_LIMITS, type CrawlLimits, type FetchText } from "./crawl";
import { lintClientText } from "./lintService";
import { scanText } from "./scan";

/** The smoke pages of a host: those a stack rate limit counts are left out, their budget belongs to the smoke and cookie checks. */
export function clientPages(ctx: Pick<JobContext, "target">, host: VerifyHost): { pages: URL[]; limited: string[] } {
  const s = ctx.target.smoke;
  const counts = edgeCounts(ctx.target);
  const pages: URL[] = [];
  const limited: string[] = [];
  for (const path of [...new Set([s.homepage, s.login, s.signup, s.passwordReset])]) {
    const url = new URL(path, `https://${host.fqdn}`);
    const rules = counts(host.fqdn) ? rulesCounting(ctx.target.rateLimits ?? [], url) : [];
    if (rules.length) limited.push(`${url.pathname} (counted by ${describeRule(rules[0]!)})`);
    else pages.push(url);
  }
  return { pages, limited };
}

export async function checkClientSecrets(ctx: JobContext, host: VerifyHost, limits: CrawlLimits = CRAWL_LIMITS): Promise<Check[]> {
  const target = `https://${host.fqdn}`;
  const { pages, limited } = clientPages(ctx, host);
  const fetchText: FetchText = async (url, maxBytes) => {
    const res = await fetchVia(ctx, url, { maxBytes, keepBytes: maxBytes });
    return { status: res.status, headers: res.headers, body: res.body, truncated: res.truncated };
  };
  // A resolver failure is the run's dns.resolve (runner.ts), not a page this check could not read.
  const result = await crawl(pages, fetchText, limits, (err) => err instanceof DnsQueryError);
  const fingerprints = [...(ctx.target.secretFingerprints ?? []), ...(ctx.options.secretFingerprints ?? [])];
  const checks: Check[] = [];
  for (const file of result.texts) {
    for (const f of await scanText(lintClientText, file, fingerprints)) checks.push(fail("client.secrets", f.url, `${f.ruleId}: ${f.message}; rotate it and keep it server-side`));
  }
  const pagesRead = result.texts.filter((t) => t.kind === "page").length;
  const scripts = result.texts.filter((t) => t.kind === "script").length;
  const sources = result.texts.filter((t) => t.kind === "sourcemap").length;
  const notes = [
    result.stoppedEarly ? `stopped early: ${result.stoppedEarly}` : "",
    limited.length ? `not fetched, rate limited: ${limited.join(", ")}` : "",
    result.otherSite.length ? `${result.otherSite.length} script(s) of other sites not scanned` : "",
    ...[["unread", result.unread], ["failed", result.failed]].map(([what, list]) => (list.length ? `${what}: ${(list as string[]).slice(0, 5).join(", ")}${list.length > 5 ? ", ..." : ""}` : "")),
    fingerprints.length ? `${fingerprints.length} stack secret value(s) matched by fingerprint` : "no stack secret values known to this run (a plan holds them redacted; pass --secret-values FILE): credentials matched by the secrets:scan rules only",
  ].filter(Boolean);
  const scanned = `${pagesRead} page(s), ${scripts} script(s), ${sources} source map source(s) scanned`;
  if (checks.length) return checks;
  // No answer is no evidence; a host whose pages all answer 404 or 401 (an API) serves no client code.
  if (pagesRead === 0 && result.failed.length) return [warn("client.secrets", target, `not scanned: ${result.failed.join(", ")}`)];
  if (pagesRead === 0) return [pass("client.secrets", target, `no client code: no page answered 2xx (${[...result.unread, ...limited].join(", ") || "no page to fetch"})`)];
  return [pass("client.secrets", target, `${scanned}, no secret found; ${notes.join("; ")}`)];
}
