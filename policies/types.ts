/**
 * Groups of resource types the policies judge together. Single types are named where they live,
 * in the plan model's tokens (plan/model/tokens.ts: `TYPES`), which the engine sends as well.
 */
import { TYPES } from "../plan/model/tokens";

/** Cloudflare Access applications: the v6 name and the deprecated v5 one (same inputs for what we read). */
export const ACCESS_APPLICATION_TYPES = [TYPES.accessApplication, TYPES.legacyAccessApplication] as const;
/** Cloudflare Access policies: the v6 reusable policy and the deprecated v5 one. */
export const ACCESS_POLICY_TYPES = [TYPES.accessPolicy, TYPES.legacyAccessPolicy] as const;
