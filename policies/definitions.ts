/**
 * The pack's policies as plain definitions: every concern module's policy list, in one ordered
 * list that refuses duplicate names (the engine keys config, violations and enforcement by name).
 * Loads no SDK runtime: diff reads the policies' default levels and settings from here, while the
 * pack itself goes through registry.ts, which also installs the secret-path hook.
 */
import type { PackPolicy } from "./policy";
import { accessPolicies } from "./access";
import { cachePolicies } from "./cache";
import { dnsPolicies } from "./dns";
import { edgePolicies } from "./edge";
import { emailPolicies } from "./email";
import { monitoringPolicies } from "./monitoring";
import { protectionPolicies } from "./protection";
import { rateLimitPolicies } from "./rateLimits";
import { redirectPolicies } from "./redirects";
import { secretPolicies } from "./secrets";
import { vaultPolicies } from "./vault";
import { webIdentityTrustPolicies } from "./webIdentityTrust";
import { zonePolicies } from "./zone";

/** Joins policy lists, throwing on a repeated name. Exported for tests and for future concerns. */
export function registerPolicies(...lists: ReadonlyArray<readonly PackPolicy[]>): PackPolicy[] {
  const seen = new Set<string>();
  const all: PackPolicy[] = [];
  for (const list of lists) {
    for (const policy of list) {
      if (seen.has(policy.name)) throw new Error(`policy name ${JSON.stringify(policy.name)} is registered twice; policy names must be unique`);
      seen.add(policy.name);
      all.push(policy);
    }
  }
  return all;
}

// One list per concern module, in the order the README's table lists them.
export const allPolicies: PackPolicy[] = registerPolicies(
  zonePolicies,
  dnsPolicies,
  accessPolicies,
  edgePolicies,
  rateLimitPolicies,
  cachePolicies,
  redirectPolicies,
  emailPolicies,
  secretPolicies,
  vaultPolicies,
  webIdentityTrustPolicies,
  monitoringPolicies,
  protectionPolicies,
);
