/** Builds `Check` results with the catalog's severity, so no check invents its own. */
import { CATALOG, type CheckId } from "./catalog";
import type { Check, CheckStatus } from "./types";

export function check(id: CheckId, target: string, status: CheckStatus, message: string): Check {
  return { id, target, status, severity: CATALOG[id].severity, message };
}

export const pass = (id: CheckId, target: string, message: string) => check(id, target, "pass", message);
export const warn = (id: CheckId, target: string, message: string) => check(id, target, "warn", message);
export const fail = (id: CheckId, target: string, message: string) => check(id, target, "fail", message);
