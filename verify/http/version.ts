/**
 * The deployed commit (`app.commit`): the app's version route (`verify.version`) against the commit
 * the stack says it deployed (the plan's `deployedCommit` output, or `--expect-commit`).
 */
import { fail, pass, warn } from "../check";
import type { JobContext } from "../context";
import type { Check, VerifyTarget } from "../types";
import { headerValues } from "./client";
import { fetchVia } from "./via";

type Version = NonNullable<VerifyTarget["version"]>;

/** The commit the app reports: a header, a dotted JSON field, or the trimmed body. */
export function liveCommit(version: Version, res: { rawHeaders: string[]; body: string }): string | undefined {
  if (version.header) return headerValues(res, version.header.toLowerCase())[0]?.trim() || undefined;
  if (version.jsonField) {
    let v: unknown;
    try {
      v = JSON.parse(res.body);
    } catch {
      return undefined;
    }
    for (const k of version.jsonField.split(".")) v = v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined;
    return typeof v === "string" && v.trim() ? v.trim() : undefined;
  }
  return res.body.trim().split(/\s/)[0] || undefined;
}

/** Same commit when one SHA is a prefix (7+ hex) of the other: apps often report the short form. */
export function sameCommit(a: string, b: string): boolean {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return /^[0-9a-f]{7,40}$/.test(x) && /^[0-9a-f]{7,40}$/.test(y) && (x.startsWith(y) || y.startsWith(x));
}

export function judgeCommit(target: string, version: Version, expected: string | undefined, live: string | undefined, status: number): Check {
  const where = version.header ? `header ${version.header}` : version.jsonField ? `JSON field ${version.jsonField}` : "body";
  if (status < 200 || status > 299) return fail("app.commit", target, `the version route answered ${status}; a 2xx with the commit in its ${where} is expected`);
  if (!live) return fail("app.commit", target, `no commit in the ${where} of the version route`);
  if (!expected) return warn("app.commit", target, `live commit ${live}; nothing to compare with: the plan has no known deployedCommit output (set LAUNCH_READY_COMMIT when rendering) and no --expect-commit was given`);
  return sameCommit(live, expected) ? pass("app.commit", target, `live commit ${live} is the expected ${expected}`) : fail("app.commit", target, `live commit ${JSON.stringify(live.slice(0, 80))}, expected ${expected}: the deploy did not reach the app, or an older build is serving`);
}

export async function checkDeployedCommit(ctx: JobContext): Promise<Check[]> {
  const version = ctx.target.version!;
  const url = new URL(version.path, `https://${ctx.target.canonicalHost}`);
  const res = await fetchVia(ctx, url);
  return [judgeCommit(url.href, version, ctx.options.expectCommit ?? version.expected, liveCommit(version, res), res.status)];
}
