/** The `verify` library: check a stack's live public surface against what it declares. */
export { runVerify, runBound } from "./runner";
export { targetFromPlan } from "./target";
export { planJobs } from "./jobs";
export { renderText, renderJunit } from "./render";
export { verdictOf, rankRisks } from "./report";
export { CATALOG, CHECK_IDS, type CheckId } from "./catalog";
export { CLOUDFLARE_RANGES, CLOUDFLARE_RANGES_DATE } from "./cloudflare-ranges";
export { parseCidrList } from "./edge";
export type * from "./types";
