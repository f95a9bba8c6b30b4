/**
 * `launch-ready init`: the text of a new stack file, from the few facts a founder knows on day
 * one (stack, domain, zone, mail provider, Cloudflare plan). Everything else is the schema's safe
 * default, written out with a comment so the file explains itself. Pure: no I/O (cli/run/init.ts
 * writes the file); the text is parsed with the real config parser before anyone writes it.
 */
import { stringify } from "yaml";
import { CONFIG_NAMESPACE } from "../components/config";
import { domainSchema, environmentSchema } from "../components/schema/core";
import { isProductionEnvironment } from "../kernel/environment";
import type { CloudflarePlan } from "../components/schema/context";

import { INIT_MAIL_PRESETS, INIT_PLANS, PLACEHOLDER_ORIGIN, type InitMailPreset } from "./choices";

export { INIT_MAIL_PRESETS, INIT_PLANS, PLACEHOLDER_ORIGIN, type InitMailPreset } from "./choices";

export interface InitOptions {
  stack: string;
  domain: string;
  zoneId?: string;
  /** @default "google-workspace" */
  mail?: InitMailPreset;
  /** @default "free" */
  plan?: CloudflarePlan;
  /** Microsoft 365 tenant ("contoso" for contoso.onmicrosoft.com); required with mail microsoft-365. */
  msTenant?: string;
  /** Where the app is served (a CNAME target). @default PLACEHOLDER_ORIGIN */
  origin?: string;
}

/** A flag value init cannot use: the CLI prints the message and exits 2. */
export class InitOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InitOptionError";
  }
}

/** Pulumi stack names: letters, digits, `-`, `_`, `.` (Pulumi docs, "stack names"). */
const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const ZONE_ID = /^[0-9a-f]{32}$/;

/** The environment a stack name stands for: "prod"/"production" as such, else the name if it is a valid environment. */
export function environmentOfStack(stack: string): string {
  const lower = stack.toLowerCase();
  if (!environmentSchema.safeParse(lower).success) {
    throw new InitOptionError(`--stack ${JSON.stringify(stack)} cannot name an environment; a lower-case name such as "prod" or "staging" is expected`);
  }
  return lower;
}

/** Checks every option before any text is built; each message names the flag, the value and what is expected. */
export function checkInitOptions(options: InitOptions): Required<Pick<InitOptions, "mail" | "plan">> & InitOptions {
  if (!STACK_NAME.test(options.stack)) throw new InitOptionError(`--stack ${JSON.stringify(options.stack)} is not a stack name; letters, digits, "-", "_" and "." are expected, e.g. prod`);
  environmentOfStack(options.stack);
  const domain = domainSchema.safeParse(options.domain);
  if (!domain.success) throw new InitOptionError(`--domain ${domain.error.issues[0]?.message ?? "is not a domain name"}`);
  if (options.zoneId !== undefined && !ZONE_ID.test(options.zoneId)) {
    throw new InitOptionError(`--zone-id ${JSON.stringify(options.zoneId)} is not a Cloudflare zone id; 32 lower-case hex characters are expected (the zone's Overview page, "Zone ID")`);
  }
  const mail = options.mail ?? "google-workspace";
  if (!(INIT_MAIL_PRESETS as readonly string[]).includes(mail)) {
    throw new InitOptionError(`--mail ${JSON.stringify(mail)} is not a mail preset init writes; one of ${INIT_MAIL_PRESETS.join(", ")} is expected (other presets: add them by hand, docs/config.md#provider-presets)`);
  }
  const plan = options.plan ?? "free";
  if (!INIT_PLANS.includes(plan)) throw new InitOptionError(`--plan ${JSON.stringify(plan)} is not a Cloudflare plan; one of ${INIT_PLANS.join(", ")} is expected`);
  if (mail === "microsoft-365") {
    if (!options.msTenant) throw new InitOptionError("--mail microsoft-365 needs --ms-tenant NAME: the first label of your <tenant>.onmicrosoft.com domain (Microsoft 365 admin center > Settings > Domains)");
    if (!/^[a-z0-9-]+$/.test(options.msTenant)) throw new InitOptionError(`--ms-tenant ${JSON.stringify(options.msTenant)} is not a tenant name; e.g. contoso (from contoso.onmicrosoft.com)`);
    // Microsoft derives its MX host and DKIM targets from the domain with dots as dashes: with a
    // hyphen already in the domain they cannot be derived (components/email/presetRequirements.ts).
    if (options.domain.includes("-")) {
      throw new InitOptionError(
        `--mail microsoft-365: ${options.domain} contains a hyphen, so Microsoft 365's MX host and DKIM targets cannot be derived from it; run init with another --mail (or none), then add the microsoft-365 preset with inbound.mxHost and dkimTargets copied from the admin center (docs/config.md#keys-a-preset-requires)`,
      );
    }
  } else if (options.msTenant !== undefined) {
    throw new InitOptionError(`--ms-tenant only applies to --mail microsoft-365 (got --mail ${mail})`);
  }
  if (options.origin !== undefined && !domainSchema.safeParse(options.origin).success) {
    throw new InitOptionError(`--origin ${JSON.stringify(options.origin)} is not a host name; the host your app is served from is expected, e.g. my-app.vercel.app`);
  }
  return { ...options, mail, plan };
}

/** A scalar as YAML writes it (quoted only when it must be). */
const scalar = (value: string | number | boolean) => stringify(value).trimEnd();

function mailLines(mail: InitMailPreset, domain: string, msTenant: string | undefined): string[] {
  const dmarc = [
    "    # DMARC: quarantine what fails; reports come to this address (create the mailbox, or use a",
    "    # report service). To start at p=none, make it a dated step: rollout: {policy: none, until: YYYY-MM-DD}.",
    "    dmarc:",
    "      p: quarantine",
    `      rua: [${scalar(`mailto:dmarc@${domain}`)}]`,
  ];
  switch (mail) {
    case "none":
      return [
        "  # This domain sends and receives no mail: null MX, v=spf1 -all, DMARC p=reject (forgeries are refused).",
        `  ${CONFIG_NAMESPACE}:email:`,
        "    mode: none",
        "    dmarc:",
        "      p: reject",
        `      rua: [${scalar(`mailto:dmarc@${domain}`)}]`,
      ];
    case "google-workspace":
      return [
        "  # Mail: Google Workspace receives and sends. Add its DKIM key once Gmail shows it",
        "  # (Admin console > Apps > Gmail > Authenticate email): senders[0].dkim: {key: \"v=DKIM1; k=rsa; p=...\"}.",
        `  ${CONFIG_NAMESPACE}:email:`,
        "    inbound: {provider: google-workspace}",
        "    senders:",
        "      - provider: google-workspace",
        ...dmarc,
      ];
    case "microsoft-365":
      return [
        "  # Mail: Microsoft 365 receives and sends; its DKIM CNAMEs point at your tenant.",
        `  ${CONFIG_NAMESPACE}:email:`,
        "    inbound: {provider: microsoft-365}",
        "    senders:",
        `      - {provider: microsoft-365, tenant: ${scalar(msTenant!)}}`,
        ...dmarc,
      ];
    case "amazon-ses":
      return [
        "  # Mail: Amazon SES receives and sends; the stack creates the SES domain identity (its DKIM",
        "  # CNAMEs are known after deploy). Set mailFrom (e.g. bounce) so SPF aligns too.",
        `  ${CONFIG_NAMESPACE}:email:`,
        "    inbound: {provider: amazon-ses}",
        "    senders:",
        "      - provider: amazon-ses",
        ...dmarc,
      ];
  }
}

/** The stack file's text. Call checkInitOptions first (buildStackFile does). */
export function buildStackFile(input: InitOptions): string {
  const options = checkInitOptions(input);
  const environment = environmentOfStack(options.stack);
  const production = isProductionEnvironment(environment);
  const ns = CONFIG_NAMESPACE;
  const origin = options.origin ?? PLACEHOLDER_ORIGIN;
  const lines = [
    `# Stack ${options.stack}, written by \`npm run init\`. Every key not written here takes its safe default`,
    "# (docs/config.md). Secrets are never written here in plain text: `pulumi config set --secret launch-ready:<key>`.",
    "config:",
    "  # The AWS region of the stack's secrets and queues (Route 53 health checks live in us-east-1 regardless).",
    "  aws:region: us-east-1",
    `  ${ns}:environment: ${scalar(environment)}${production ? "   # production rules: protect, HSTS floor, DMARC enforced, monitoring required" : ""}`,
    `  ${ns}:domain: ${scalar(options.domain)}`,
    ...(options.zoneId
      ? ["  # The existing Cloudflare zone of the domain.", `  ${ns}:zone: {id: ${scalar(options.zoneId)}}`]
      : [
          "  # No zone id: the program looks the zone up by the domain's name at deploy (it must exist in",
          "  # Cloudflare, once). To pin it, set zone: {id: <zone id>}; to create it, zone: {create: {accountId: <id>}}.",
        ]),
    `  ${ns}:cloudflarePlan: ${scalar(options.plan)}   # free, pro, business or enterprise: rule budgets follow it`,
    `  ${ns}:canonicalHost: apex   # the site lives at https://${options.domain}; www redirects there`,
    "  # Hosts: each is proxied by Cloudflare (TLS, WAF, cache, rules) unless proxied: false. A host named",
    "  # admin (or sensitive: true) also needs edge.access or edge.ipAllowList.",
    `  ${ns}:hosts:`,
    `    - name: "@"`,
    "      origin:",
    `        cname: ${scalar(origin)}${options.origin ? "" : "   # replace with the host your app is served from"}`,
    "  # TLS: Cloudflare checks the origin's certificate (strict), TLS 1.2 at least, HSTS for a year.",
    `  ${ns}:tls:`,
    "    sslMode: strict",
    '    minVersion: "1.2"',
    "    hsts: {maxAge: 31536000, includeSubDomains: true, preload: false}",
    ...mailLines(options.mail, options.domain, options.msTenant),
  ];
  if (production) {
    lines.push(
      "  # Production needs someone to hear when the site is down: homepage, login and API health are checked.",
      `  ${ns}:monitoring:`,
      "    alerts:",
      `      emails: [${scalar(`ops@${options.domain}`)}]`,
    );
  }
  return `${lines.join("\n")}\n`;
}
