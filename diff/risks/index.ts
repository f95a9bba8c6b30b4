/** Every risk rule, in the order their findings are listed (most likely to break members first). */
import type { RiskRule } from "./context";
import { dnsRecordRisks } from "./dnsRecords";
import { unproxiedRisks } from "./unproxied";
import { tlsRisks } from "./tls";
import { dmarcRisks } from "./dmarc";
import { rateLimitRisks } from "./rateLimits";
import { cacheRisks } from "./cache";
import { protectionRisks } from "./protection";
import { accessProtectionRisks } from "./access";
import { urnRisks } from "./urns";
import { guardRisks } from "./guards";
import { policySettingsRisks } from "./policySettings";

export const RISK_RULES: ReadonlyArray<{ name: string; rule: RiskRule }> = [
  { name: "dns-records", rule: dnsRecordRisks },
  { name: "unproxied", rule: unproxiedRisks },
  { name: "tls", rule: tlsRisks },
  { name: "dmarc", rule: dmarcRisks },
  { name: "rate-limits", rule: rateLimitRisks },
  { name: "cache", rule: cacheRisks },
  { name: "protection", rule: protectionRisks },
  { name: "access-protection", rule: accessProtectionRisks },
  { name: "guards", rule: guardRisks },
  { name: "policy-settings", rule: policySettingsRisks },
  { name: "production-urns", rule: urnRisks },
];

export type { RiskContext, RiskRule } from "./context";
