/**
 * The judgements of issue 18, "a guard that exists must also work", as plain definitions: the pack
 * registers each as a policy (in its concern module), and `diff` runs the same checks over both
 * plans to flag a PR that weakens a guard (diff/risks/guards.ts). One definition, two readers.
 */
import type { StackPolicyDefinition } from "./policy";
import { accessGuardDefs } from "./access";
import { dnsGuardDefs } from "./dns";
import { emailGuardDefs } from "./email";
import { monitoringGuardDefs } from "./monitoring";
import { rateLimitGuardDefs } from "./rateLimits";
import { redirectGuardDefs } from "./redirects";
import { zoneGuardDefs } from "./zone";

// The definitions' configs differ; each reads only the settings it declares.
export const GUARD_DEFINITIONS: ReadonlyArray<StackPolicyDefinition<never>> = [
  ...zoneGuardDefs,
  ...dnsGuardDefs,
  ...accessGuardDefs,
  ...rateLimitGuardDefs,
  ...redirectGuardDefs,
  ...emailGuardDefs,
  ...monitoringGuardDefs,
] as ReadonlyArray<StackPolicyDefinition<never>>;
