/**
 * Smoke routes on the canonical host: public pages answer 2xx (after at most 3 redirects) with
 * their expected text (`verify.routes.content`, else a non-empty body); the
 * protected member page answers 401/403, or redirects to the login page, when anonymous.
 */
import { fail, pass, warn } from "../check";
import type { CheckId } from "../catalog";
import type { JobContext } from "../context";
import type { Check } from "../types";
import { followRedirects, MAX_REDIRECTS } from "./redirects";

const describe = (hops: Array<{ url: string; status: number }>) => hops.map((h) => `${h.status} ${h.url}`).join(" -> ");

export async function checkPublicPage(ctx: JobContext, id: CheckId, path: string, expectStatus?: number[]): Promise<Check[]> {
  const url = new URL(path, `https://${ctx.target.canonicalHost}`);
  const chain = await followRedirects(ctx, url);
  const last = chain.hops[chain.hops.length - 1];
  const redirects = chain.hops.filter((h) => h.location !== undefined).length;
  if (chain.error) return [fail(id, url.href, `request failed: ${chain.error}`)];
  if (chain.loop || redirects > MAX_REDIRECTS || !last || last.location !== undefined) return [fail(id, url.href, `never reaches a page: ${describe(chain.hops)}`)];
  if (last.limitedBy) return [rateLimited(id, url.href, last.limitedBy)];
  const ok = expectStatus ? expectStatus.includes(last.status) : last.status >= 200 && last.status < 300;
  const expected = expectStatus ? expectStatus.join("/") : "2xx";
  if (!ok) return [fail(id, url.href, `answers ${last.status}, expected ${expected}: ${describe(chain.hops)}`)];
  const after = redirects ? ` after ${redirects} redirect(s)` : "";
  // Pages must show something; API routes may answer 204 or an empty list.
  const text = ctx.target.smoke.content[path];
  if (text !== undefined && !(last.body ?? "").includes(text)) return [fail(id, url.href, `answers ${last.status}${after} without the expected text "${text}": an error or placeholder page?`)];
  if (text === undefined && id !== "smoke.api" && (last.body ?? "").trim() === "") return [warn(id, url.href, `answers ${last.status}${after} with an empty page; set verify.routes.content to name text it must show`)];
  return [pass(id, url.href, `${last.status}${after}${text !== undefined ? `, shows "${text}"` : ""}`)];
}

/**
 * A page the stack's own rate limit answered with 429 although verify kept within its budget:
 * other requests from this address (a previous run, a browser) shared the edge's counter. The rule
 * works; the page was not judged, so the run says so rather than pass or fail it.
 */
export function rateLimited(id: CheckId, target: string, rule: string): Check {
  return warn(id, target, `not judged: answered 429 by the stack's own rate limit ${rule} (the rule working; other requests from this address counted too); run again after its period`);
}

export async function checkProtectedPage(ctx: JobContext): Promise<Check[]> {
  const { canonicalHost, smoke } = ctx.target;
  const url = new URL(smoke.protectedPage, `https://${canonicalHost}`);
  const loginPath = new URL(smoke.login, `https://${canonicalHost}`).pathname;
  // The redirect to the login page is the answer: the login page itself is not requested (it may be rate limited).
  const chain = await followRedirects(ctx, url, (next) => next.hostname === canonicalHost && next.pathname === loginPath);
  if (chain.error) return [fail("smoke.protected", url.href, `request failed: ${chain.error}`)];
  const toLogin = chain.hops.find((h) => h.location !== undefined && new URL(h.location).pathname === loginPath);
  if (toLogin) return [pass("smoke.protected", url.href, `redirects anonymous visitors to ${toLogin.location}`)];
  const last = chain.hops[chain.hops.length - 1];
  if (last?.limitedBy) return [rateLimited("smoke.protected", url.href, last.limitedBy)];
  if (last && (last.status === 401 || last.status === 403)) return [pass("smoke.protected", url.href, `answers ${last.status} to anonymous visitors`)];
  if (last && last.status >= 200 && last.status < 300) return [fail("smoke.protected", url.href, `answers ${last.status} to an anonymous visitor: members-only content is public (${describe(chain.hops)})`)];
  return [fail("smoke.protected", url.href, `expected 401/403 or a redirect to ${loginPath}, got ${describe(chain.hops)}`)];
}
