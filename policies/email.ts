/**
 * Mail authentication records, judged on `cloudflare.DnsRecord` TXT/MX inputs. TXT `content` is in
 * Cloudflare's zone-file form (`"part1" "part2"`); readers join the strings, so the policies do too.
 *
 *  - SPF (RFC 7208): one record per name (two make every check a permerror), no `+all`/`?all` (and
 *    no record that ends without `all` or `redirect=`, whose default result is neutral, like `?all`),
 *    at most 10 DNS lookups counted through the provider table and the stack's own SPF records.
 *  - DMARC (RFC 7489): a policy for every name that sends (SPF) or receives (MX) mail, found at
 *    `_dmarc.<name>` or at a parent's `_dmarc` (the organizational domain, or the DMARCbis tree
 *    walk); production enforces it (quarantine or reject); aggregate reports go to mailto: URIs.
 *  - DKIM (RFC 8301 §3.2): RSA keys of at least 1024 bits.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { DKIM_RSA_MIN_BITS, DMARC_ROLLOUT_MAX_DAYS, SPF_MAX_DNS_LOOKUPS } from "../components/constants/email";
import { parseDkimTags, rsaKeyBits } from "../components/email/dkim";
import { includeCost, parseSpfTerm, type SpfTerm } from "../components/email/spf";
import { txtText } from "../kernel/txt";
import { DMARC_POLICIES, isDmarcRecord } from "../kernel/dmarc";
import { parseTagList } from "../kernel/tagList";
import { isNoMailSpf, isSpfRecord as isSpf } from "../kernel/spf";
import { broadSpfRanges } from "../kernel/spfRanges";
import { isCalendarDate, rolloutState } from "../components/email/rollout";
import { PackPolicy, ResourceView, resourcePolicy, stackPolicy, type StackPolicyDefinition } from "./policy";
import { SPF_MAX_RANGE_ADDRESSES } from "../components/constants/email";
import { describeCoverage } from "../components/addressSpace";
import { configSchemaOf, EnvironmentConfig, environmentConfigSchema, isProd } from "./settings";
import { TYPES } from "../plan/model/tokens";
import { knownString } from "./wire";

const nameOf = (r: ResourceView) => knownString(r.props.name)?.toLowerCase();
const typeOf = (r: ResourceView) => knownString(r.props.type)?.toUpperCase();

/** The TXT value a resolver's reader sees, or undefined for other records and unknown content. */
function txtValue(r: ResourceView): string | undefined {
  if (r.type !== TYPES.dnsRecord || typeOf(r) !== "TXT") return undefined;
  const content = knownString(r.props.content);
  return content === undefined ? undefined : txtText(content);
}


/** SPF terms after "v=spf1", parsed; unparseable terms are returned as messages. */
function spfTerms(value: string): { terms: SpfTerm[]; problems: string[] } {
  const terms: SpfTerm[] = [];
  const problems: string[] = [];
  for (const raw of value.split(/\s+/).slice(1)) {
    if (raw === "") continue;
    const t = parseSpfTerm(raw);
    if (typeof t === "string") problems.push(t);
    else terms.push(t);
  }
  return { terms, problems };
}

/** DMARC tags ("v=DMARC1; p=reject; rua=mailto:a@b") by lower-case name (kernel/tagList.ts). */
function dmarcTags(value: string): Map<string, string> {
  return new Map(Object.entries(parseTagList(value).tags));
}

/** A DMARC policy record: at `_dmarc.<domain>` (report authorizations under `_report._dmarc` are not policies). */
function dmarcPolicyDomain(r: ResourceView): string | undefined {
  const name = nameOf(r);
  const value = txtValue(r);
  return name?.startsWith("_dmarc.") && value !== undefined && isDmarcRecord(value) ? name.slice("_dmarc.".length) : undefined;
}


export const emailSpfSingleRecord = stackPolicy({
  name: "email-spf-single-record",
  description: "Checks whether each name publishes at most one SPF record (RFC 7208 §3.2).",
  severity: "high",
  remediation: "Merge the SPF records of the name into one (the email component builds one record per name from every sender).",
  check: (resources, report) => {
    const byName = new Map<string, ResourceView[]>();
    for (const r of resources) {
      const value = txtValue(r);
      const name = nameOf(r);
      if (value === undefined || name === undefined || !isSpf(value)) continue;
      byName.set(name, [...(byName.get(name) ?? []), r]);
    }
    for (const [name, records] of byName) {
      if (records.length < 2) continue;
      for (const extra of records.slice(1)) {
        report(`${name} must publish one SPF record, but ${records.map((r) => r.name).join(", ")} each publish one; receivers then fail SPF with permerror.`, extra.urn);
      }
    }
  },
});

export const emailSpfNoPermissiveAll = resourcePolicy({
  name: "email-spf-no-permissive-all",
  description: "Checks whether an SPF record ends in -all or ~all (not +all, ?all, or nothing, which means neutral).",
  severity: "high",
  remediation: "End the record with -all (or ~all while testing) (email.spf.all); +all lets anyone send as the domain and ?all says nothing.",
  resourceTypes: [TYPES.dnsRecord],
  check: (r, report) => {
    const value = txtValue(r);
    if (value === undefined || !isSpf(value)) return;
    const { terms } = spfTerms(value);
    const all = terms.find((t) => t.mechanism === "all");
    const name = nameOf(r) ?? r.name;
    if (all && (all.qualifier === "+" || all.qualifier === "?")) {
      report(`The SPF record of ${name} ends in ${all.raw}; it must end in -all or ~all.`);
    } else if (!all && !terms.some((t) => t.mechanism === "redirect")) {
      report(`The SPF record of ${name} has no "all" term, so unlisted senders get a neutral result; it must end in -all or ~all.`);
    }
  },
});

export interface SpfLookupConfig {
  includeLookups?: Record<string, number>;
}

const spfLookupConfigSchema: PolicyConfigSchema = {
  properties: {
    includeLookups: {
      type: "object",
      default: {},
      description: "Nested DNS lookups behind includes the provider table does not know, by domain (\"spf.example.net\": 2); unknown includes otherwise count 1.",
    },
  },
};

export const emailSpfLookupLimit = stackPolicy<SpfLookupConfig>({
  name: "email-spf-lookup-limit",
  description: `Checks whether each SPF record needs at most ${SPF_MAX_DNS_LOOKUPS} DNS lookups, nested includes counted from the provider table and the stack's own SPF records.`,
  severity: "high",
  remediation: "Drop a sender's include, move a sender to its own subdomain (its own SPF record), or replace includes by ip4/ip6 ranges the provider publishes.",
  configSchema: spfLookupConfigSchema,
  check: (resources, report, { config }) => {
    const records = new Map<string, { r: ResourceView; value: string }>();
    for (const r of resources) {
      const value = txtValue(r);
      const name = nameOf(r);
      if (value !== undefined && name !== undefined && isSpf(value) && !records.has(name)) records.set(name, { r, value });
    }
    const declared: Record<string, number> = { ...(config.includeLookups ?? {}) };
    // A name of this stack reached by include/redirect costs what its own record costs.
    const costOf = (name: string, path: string[]): number => {
      if (path.includes(name)) throw new Error(`SPF include loop: ${[...path, name].join(" -> ")}`);
      const own = records.get(name);
      if (!own) return includeCost(name, undefined, declared).cost - 1;
      return spfTerms(own.value).terms.reduce((sum, t) => sum + termCost(t, [...path, name]), 0);
    };
    const termCost = (t: SpfTerm, path: string[]): number => {
      if (t.mechanism === "include" || t.mechanism === "redirect") return t.target ? 1 + costOf(t.target.toLowerCase(), path) : 1;
      return ["a", "mx", "ptr", "exists"].includes(t.mechanism) ? 1 : 0;
    };
    for (const [name, { r, value }] of records) {
      const { terms, problems } = spfTerms(value);
      if (problems.length) {
        report(`The SPF record of ${name} must be valid to be counted: ${problems.join("; ")}.`, r.urn);
        continue;
      }
      const costs = terms.map((t) => ({ t, cost: termCost(t, [name]) }));
      const total = costs.reduce((s, c) => s + c.cost, 0);
      if (total > SPF_MAX_DNS_LOOKUPS) {
        const costly = costs.filter((c) => c.cost > 0).map((c) => `${c.t.raw} (${c.cost})`);
        report(`The SPF record of ${name} needs ${total} DNS lookups; it must need at most ${SPF_MAX_DNS_LOOKUPS}: ${costly.join(", ")}.`, r.urn);
      }
    }
  },
});

export const emailDmarcPresent = stackPolicy({
  name: "email-dmarc-present",
  description: "Checks whether every name with an SPF or MX record is covered by a DMARC policy (at _dmarc.<name> or a parent's _dmarc).",
  severity: "high",
  remediation: "Publish a DMARC record at _dmarc.<domain> (email.dmarc: {p, rua}); without one, receivers cannot act on failed SPF or DKIM and anyone can spoof the domain.",
  check: (resources, report) => {
    // Only a record with a valid p= is a policy (RFC 7489 §6.3); "v=DMARC1" alone is not.
    const dmarc = new Set(
      resources
        .filter((r) => DMARC_POLICIES.has(dmarcTags(txtValue(r) ?? "").get("p")?.toLowerCase() ?? ""))
        .map(dmarcPolicyDomain)
        .filter((d): d is string => d !== undefined),
    );
    const covered = (name: string) => {
      const labels = name.split(".");
      for (let i = 0; i < labels.length - 1; i++) if (dmarc.has(labels.slice(i).join("."))) return true;
      return false;
    };
    const reported = new Set<string>();
    for (const r of resources) {
      const name = nameOf(r);
      if (!name || reported.has(name) || name.split(".").some((l) => l.startsWith("_"))) continue;
      const value = txtValue(r);
      const mailName = typeOf(r) === "MX" || (value !== undefined && isSpf(value));
      if (!mailName || covered(name)) continue;
      reported.add(name);
      report(`${name} has ${typeOf(r) === "MX" ? "an MX" : "an SPF"} record, so it must have a DMARC policy at _dmarc.${name} or at a parent domain's _dmarc.`, r.urn);
    }
  },
});

export interface DmarcRolloutConfig extends EnvironmentConfig {
  dmarcRolloutUntil?: string;
  today?: string;
}

/**
 * `dmarcRolloutUntil`: the stack's dated p=none step (launch-ready:email.dmarc.rollout.until);
 * `today`: the date the plan judges it on. `plan` fills both from the stack config and its own
 * clock; a `pulumi preview` gets them from the config file (without `today`, the UTC date).
 */
const dmarcRolloutConfigSchema: PolicyConfigSchema = {
  properties: {
    dmarcRolloutUntil: {
      type: "string",
      description: "Last day (YYYY-MM-DD) of the stack's declared DMARC rollout step (email.dmarc.rollout.until); until then production may publish p=none.",
    },
    today: { type: "string", description: "The plan's date (YYYY-MM-DD, UTC) that rollout dates are judged on." },
  },
};

/**
 * Whether the declared rollout step is in force on `today`, by the config loader's own rule
 * (components/email/rollout.ts), for config files written by hand too. Returns why not when it is
 * declared but not in force.
 */
export function dmarcRolloutState(until: string | undefined, today: string): { inForce: boolean; why?: string } {
  if (until === undefined) return { inForce: false };
  if (!isCalendarDate(today)) return { inForce: false, why: `the plan date ${JSON.stringify(today)} is not a YYYY-MM-DD date` };
  const step = rolloutState(until, today);
  switch (step.state) {
    case "in-force":
      return { inForce: true };
    case "not-a-date":
      return { inForce: false, why: `the declared rollout date ${JSON.stringify(until)} is not a YYYY-MM-DD date` };
    case "ended":
      return { inForce: false, why: `the rollout step ended on ${until} (plan date ${today})` };
    case "too-far":
      return { inForce: false, why: `the rollout date ${until} is ${step.days} days after ${today}, more than ${DMARC_ROLLOUT_MAX_DAYS}` };
  }
}

export const emailDmarcEnforcedInProd = resourcePolicy<DmarcRolloutConfig>({
  name: "email-dmarc-enforced-in-prod",
  description: "Checks whether a production DMARC policy enforces (p and sp are quarantine or reject, not none), except during a declared, dated rollout step.",
  severity: "high",
  remediation:
    "Set email.dmarc.p to \"quarantine\" or \"reject\" in production (after a short p=none rollout: dmarc.rollout, at most 90 days, whose date the plan passes as dmarcRolloutUntil), and leave sp unset or enforcing.",
  configSchema: configSchemaOf(environmentConfigSchema, dmarcRolloutConfigSchema),
  resourceTypes: [TYPES.dnsRecord],
  check: (r, report, { config }) => {
    if (!isProd(config.environment ?? "prod")) return;
    const domain = dmarcPolicyDomain(r);
    if (!domain) return;
    const tags = dmarcTags(txtValue(r)!);
    const p = tags.get("p")?.toLowerCase();
    const sp = tags.get("sp")?.toLowerCase();
    const enforcing = (v: string | undefined) => v === "quarantine" || v === "reject";
    // A dated rollout step publishes p=none (and so sp=none when sp is unset) on purpose; only
    // "none" is excused, a missing or unknown p never is.
    const rollout = dmarcRolloutState(config.dmarcRolloutUntil, config.today ?? new Date().toISOString().slice(0, 10));
    const excused = (v: string | undefined) => enforcing(v) || (v === "none" && rollout.inForce);
    const after = rollout.why ? ` (${rollout.why})` : "";
    if (!excused(p)) report(`The DMARC policy of ${domain} is p=${p ?? "(missing)"}; production must use p=quarantine or p=reject${after}.`);
    else if (sp !== undefined && !excused(sp)) report(`The DMARC policy of ${domain} has sp=${sp}; production subdomains must be quarantine or reject too${after}.`);
    // pct below 100 applies the policy to that share of failing mail only: the rest is delivered as if p=none (RFC 7489 §6.3).
    const pct = tags.get("pct");
    if (pct !== undefined && !(Number(pct) >= 100) && !(rollout.inForce && p === "none")) {
      report(`The DMARC policy of ${domain} has pct=${pct}; production must apply it to all mail (pct=100 or no pct)${after}.`);
    }
  },
});

/**
 * True when the stack declares that `domain` sends and receives no mail: a null MX (RFC 7505,
 * `MX 0 .`), SPF exactly `v=spf1 -all`, and DMARC p=reject (sp unset or reject). Such a domain's
 * DMARC record exists to make receivers reject forgeries; reports are still worth having (they
 * show who tries to send as it), but nothing breaks without them, so the config only warns.
 */
function declaredNoMail(domain: string, dmarc: Map<string, string>, resources: ResourceView[]): boolean {
  const sp = dmarc.get("sp")?.toLowerCase();
  if (dmarc.get("p")?.toLowerCase() !== "reject" || (sp !== undefined && sp !== "reject")) return false;
  const atDomain = resources.filter((r) => r.type === TYPES.dnsRecord && nameOf(r) === domain);
  const mx = atDomain.filter((r) => typeOf(r) === "MX");
  const spf = atDomain.map(txtValue).filter((v): v is string => v !== undefined && isSpf(v));
  const nullMx = mx.length === 1 && knownString(mx[0]!.props.content)?.replace(/\.$/, "") === "" && Number(mx[0]!.props.priority ?? 0) === 0;
  return nullMx && spf.length === 1 && isNoMailSpf(spf[0]!);
}

export const emailDmarcRuaMailto = stackPolicy({
  name: "email-dmarc-rua-mailto",
  description:
    "Checks whether a DMARC policy asks for aggregate reports (rua) at mailto: addresses only; a domain declared to send no mail (null MX, v=spf1 -all, p=reject) may leave rua out.",
  severity: "medium",
  remediation: "Set email.dmarc.rua to one or two mailto: addresses (\"mailto:dmarc@example.com\"); reports are sent by mail, and without them nobody sees who sends as the domain.",
  check: (resources, report) => {
    for (const r of resources) {
      const domain = dmarcPolicyDomain(r);
      if (!domain) continue;
      const tags = dmarcTags(txtValue(r)!);
      const rua = tags.get("rua");
      if (!rua) {
        if (!declaredNoMail(domain, tags, resources)) report(`The DMARC policy of ${domain} must name a rua report address (mailto:).`, r.urn);
        continue;
      }
      const bad = rua.split(",").map((u) => u.trim()).filter((u) => !/^mailto:[^@\s]+@[^@\s]+\.[^@\s!]+(![0-9]+[kmgt]?)?$/i.test(u));
      if (bad.length) report(`The DMARC policy of ${domain} has rua ${bad.map((u) => JSON.stringify(u)).join(", ")}; every rua must be a mailto: address.`, r.urn);
    }
  },
});

export const emailDkimKeyStrength = resourcePolicy({
  name: "email-dkim-key-strength",
  description: `Checks whether DKIM RSA keys published in TXT records have at least ${DKIM_RSA_MIN_BITS} bits (RFC 8301 §3.2).`,
  severity: "high",
  remediation: "Generate a 2048-bit DKIM key at the mail provider and publish the new public key (email.senders[].dkim.key); receivers reject signatures made with shorter keys.",
  resourceTypes: [TYPES.dnsRecord],
  check: (r, report) => {
    const name = nameOf(r);
    const value = txtValue(r);
    if (!name || value === undefined || !name.includes("._domainkey.")) return;
    const tags = parseDkimTags(value);
    if (typeof tags === "string") {
      report(`The DKIM record ${name} must be a tag list ("v=DKIM1; k=rsa; p=..."): ${tags}.`);
      return;
    }
    const p = tags.get("p");
    const k = (tags.get("k") ?? "rsa").toLowerCase();
    // An empty p= revokes the key (RFC 6376 §3.6.1): nothing is signed with it, so there is no strength to judge.
    if (p === undefined || p === "" || k !== "rsa") return;
    const bits = rsaKeyBits(p);
    if (bits === undefined) report(`The DKIM record ${name} has a p= that is not an RSA public key; it must hold the provider's key of at least ${DKIM_RSA_MIN_BITS} bits.`);
    else if (bits < DKIM_RSA_MIN_BITS) report(`The DKIM key at ${name} has ${bits} bits; it must have at least ${DKIM_RSA_MIN_BITS}.`);
  },
});

/**
 * An ip4/ip6 range wider than SPF_MAX_RANGE_ADDRESSES authorises most of the internet:
 * `ip4:0.0.0.0/0 ip6:::/0` is +all by another name. Judged by the address space each passing
 * term covers (ipaddr.js), so a split range (0.0.0.0/1 + 128.0.0.0/1) is caught as well.
 */
export const emailSpfNoBroadRangesDef: StackPolicyDefinition<Record<string, never>> = {
  name: "email-spf-no-broad-ranges",
  description: "Checks whether the ip4/ip6 terms of an SPF record authorise, in total, no more than a /16 of IPv4 and a /32 of IPv6.",
  severity: "high",
  remediation: "List the sending servers' own ranges (or the provider's include:); never ip4:0.0.0.0/0 or a range wider than a /16 (IPv6: /32).",
  check: (resources, report) => {
    for (const r of resources) {
      const value = txtValue(r);
      if (value === undefined || !isSpf(value)) continue;
      const broad = broadSpfRanges(value);
      if (broad) {
        report(`The SPF record of ${nameOf(r) ?? r.name} authorises ${describeCoverage(broad.coverage)} (${broad.terms.join(" ")}); it must authorise at most ${describeCoverage(SPF_MAX_RANGE_ADDRESSES)}.`, r.urn);
      }
    }
  },
};

export const emailGuardDefs = [emailSpfNoBroadRangesDef];

export const emailPolicies: PackPolicy[] = [
  emailSpfSingleRecord,
  emailSpfNoPermissiveAll,
  emailSpfLookupLimit,
  emailDmarcPresent,
  emailDmarcEnforcedInProd,
  emailDmarcRuaMailto,
  emailDkimKeyStrength,
  stackPolicy(emailSpfNoBroadRangesDef),
];
