/**
 * Expression pieces the edge rules share, built only with the rules/ builders (nothing here
 * concatenates Rules-language text). Each returns a builder tree; callers render once per rule.
 */
import { and, cookieContains, eq, escapeWildcard, fields, headerPresent, hostIs, inSet, or, startsWith, wildcard, type BoolExpr } from "../../rules";

/**
 * Paths as configured: exact paths become one `in {...}` set, "prefix*" patterns a wildcard each.
 * Only path fields, so the result fits a Free-plan rate-limiting rule.
 */
export function pathMatches(patterns: readonly string[]): BoolExpr {
  const exact = patterns.filter((p) => !p.endsWith("*"));
  const prefixes = patterns.filter((p) => p.endsWith("*"));
  const parts: BoolExpr[] = [];
  if (exact.length === 1) parts.push(eq(fields.path, exact[0]!));
  else if (exact.length > 1) parts.push(inSet(fields.path, exact));
  for (const p of prefixes) parts.push(wildcard(fields.path, `${escapeWildcard(p.slice(0, -1))}*`));
  return or(...parts);
}

/** "/api" and everything below it ("/api/x"), but not "/apiary". */
export function underPath(path: string): BoolExpr {
  const base = path.replace(/\/+$/, "");
  if (base === "") return startsWith(fields.path, "/");
  return or(eq(fields.path, base), startsWith(fields.path, `${base}/`));
}

/** The request carries one of these cookies (raw Cookie header contains "name="; any plan). */
export function hasAnyCookie(names: readonly string[]): BoolExpr {
  return or(...names.map((n) => cookieContains(`${n}=`)));
}

export function hasAuthorizationHeader(): BoolExpr {
  return headerPresent("authorization");
}

export function methodIn(methods: readonly string[]): BoolExpr {
  return methods.length === 1 ? eq(fields.method, methods[0]!) : inSet(fields.method, methods);
}

export { and, hostIs, or };
