/**
 * The CrossGuard pack: constructs the PolicyPack (which starts the analyzer server) and nothing
 * else. Policies live in the concern modules and are registered in registry.ts.
 */
import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./registry";

new PolicyPack("launch-ready", { policies: allPolicies });
