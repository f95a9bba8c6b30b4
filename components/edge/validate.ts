/**
 * The `edge` section's validation (config time): build the rules as the component would and
 * report every problem by its key path. Which of apex/www is canonical is not part of the section
 * context; both are always present (config.ts adds the twin), so counts and plan fit do not depend
 * on it, and redirect targets naming either are rejected in favour of paths.
 */
import type { SectionContext, SectionProblems } from "../schema/context";
import type { EdgeConfig } from "../schema/edge";
import { buildEdge } from "./build";
import type { EdgeSite } from "./types";

export function siteFromContext(context: SectionContext): EdgeSite {
  const www = `www.${context.apex}`;
  return {
    apex: context.apex,
    canonicalFqdn: context.apex,
    redirectFqdn: www,
    hosts: context.hosts,
    plan: context.plan,
    environment: context.environment,
    isProduction: context.isProduction,
  };
}

/** Cross-field rules: sensitive hosts covered, redirects one hop, everything fits the plan. */
export function validateEdge(edge: EdgeConfig, context: SectionContext): SectionProblems {
  const { problems } = buildEdge(edge, siteFromContext(context));
  const pick = (level: string) => problems.filter((p) => p.level === level).map(({ path, message }) => ({ path, message }));
  return { errors: pick("error"), warnings: pick("warning") };
}
