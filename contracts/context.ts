/** What a resource check may know besides the resource itself. */
import type { CloudflarePlan } from "../components/schema/context";
import type { PlannedResource } from "../plan/types";
import type { ContractFailure } from "./types";

export interface ContractContext {
  /** The stack's Cloudflare plan (plan.config.cloudflarePlan). */
  cloudflarePlan: CloudflarePlan;
  /** True when the plan's config named no Cloudflare plan and the strictest (free) is assumed. */
  cloudflarePlanAssumed: boolean;
  /** The zone's domain (plan.config.domain), when the config names one. */
  domain?: string;
  /** Every planned resource, for checks across resources (one ruleset per zone and phase). */
  resources: readonly PlannedResource[];
}

export type ResourceCheck = (resource: PlannedResource, context: ContractContext) => ContractFailure[];
