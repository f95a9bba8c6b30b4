/**
 * EmailAuth: declares the mail records of the `email` section on Cloudflare, and for Amazon SES
 * senders the SES identity whose DKIM tokens become three CNAMEs. All decisions are made by the
 * pure builder (records.ts); this component only turns its result into resources.
 */
import * as pulumi from "@pulumi/pulumi";
import * as cloudflare from "../sdk/cloudflare";
import * as aws from "../sdk/aws";
import type { EmailConfig } from "../schema/email";
import { MANAGED_COMMENT } from "../constants/email";
import { buildEmailPlan, type EmailPlan } from "./records";
import { buildMtaStsWorker, MTA_STS_WORKER_COMPATIBILITY_DATE, MTA_STS_WORKER_MODULE, mtaStsWorkerName } from "./mtasts";

export interface EmailAuthArgs {
  zoneId: pulumi.Input<string>;
  /** The zone apex ("example.com"). */
  apex: string;
  environment: string;
  /** The parsed, checked `email` section. */
  email: EmailConfig;
  /** Protect every record from deletion (production). */
  protect: boolean;
  /** FQDNs of the stack's web hosts: no mail TXT is added beside them (they may be CNAMEs). @default - none */
  webHosts?: readonly string[];
}

/** Easy DKIM always gives three tokens (docs.aws.amazon.com/ses/latest/dg/send-email-authentication-dkim-easy.html). */
export const SES_DKIM_TOKEN_COUNT = 3;

export class EmailAuth extends pulumi.ComponentResource {
  /** The FQDNs of every record declared (SES DKIM names resolve after deploy). */
  readonly recordNames: pulumi.Output<string[]>;
  /** The MTA-STS policy text to serve at https://mta-sts.<domain>/.well-known/mta-sts.txt, when configured. */
  readonly mtaStsPolicy: pulumi.Output<string | undefined>;
  /** The host whose Worker serves that policy, when the stack serves it (mtaSts.serve). */
  readonly mtaStsPolicyHost: pulumi.Output<string | undefined>;
  readonly plan: EmailPlan;

  constructor(name: string, args: EmailAuthArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-ready:email:EmailAuth", name, {}, opts);
    const plan = buildEmailPlan(args.email, { apex: args.apex, environment: args.environment, webHosts: args.webHosts });
    // Fail closed: config.ts rejects these first, but a caller that skipped it must not deploy them.
    const errors = plan.problems.filter((p) => p.level === "error");
    if (errors.length > 0) {
      throw new Error(`email config has ${errors.length} problem(s):\n${errors.map((e) => `  email${e.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("")}: ${e.message}`).join("\n")}`);
    }
    this.plan = plan;
    const childOpts = { parent: this, deleteBeforeReplace: true, protect: args.protect };

    const names: pulumi.Input<string>[] = [];
    for (const record of plan.records) {
      const resource = new cloudflare.DnsRecord(
        `${name}-${record.key}`,
        {
          zoneId: args.zoneId,
          name: record.name,
          type: record.type,
          content: record.content,
          ttl: record.ttl,
          proxied: false,
          ...(record.type === "MX" ? { priority: record.priority } : {}),
          comment: record.comment,
        },
        childOpts,
      );
      // The resource's output (not the planned string), so awaiting recordNames awaits the records.
      names.push(resource.name);
    }

    for (const ses of plan.sesIdentities) {
      const identity = new aws.sesv2.EmailIdentity(`${name}-${ses.key}`, { emailIdentity: ses.domain, region: ses.region }, { parent: this, protect: args.protect });
      if (ses.mailFromDomain) {
        new aws.sesv2.EmailIdentityMailFromAttributes(
          `${name}-${ses.key}-mail-from`,
          { emailIdentity: identity.emailIdentity, mailFromDomain: ses.mailFromDomain, behaviorOnMxFailure: "USE_DEFAULT_VALUE", region: ses.region },
          { parent: this, protect: args.protect },
        );
      }
      // The tokens exist only after SES created the identity: one record per index, whose name and
      // content are outputs. The index (not the token) keys the logical name, so a token rotation
      // is an update in place.
      for (let i = 0; i < SES_DKIM_TOKEN_COUNT; i++) {
        const token = identity.dkimSigningAttributes.apply((a) => {
          const t = a?.tokens?.[i];
          if (!t) throw new Error(`SES identity ${ses.domain} returned ${a?.tokens?.length ?? 0} DKIM tokens; expected ${SES_DKIM_TOKEN_COUNT}`);
          return t;
        });
        const recordName = pulumi.interpolate`${token}._domainkey.${ses.domain}`;
        const resource = new cloudflare.DnsRecord(
          `${name}-dkim-${ses.key}-${i}`,
          {
            zoneId: args.zoneId,
            name: recordName,
            type: "CNAME",
            content: pulumi.interpolate`${token}.dkim.amazonses.com`,
            ttl: args.email.ttl,
            proxied: false,
            comment: MANAGED_COMMENT,
          },
          childOpts,
        );
        names.push(resource.name);
      }
    }

    // The MTA-STS policy host, when the stack serves it: a module Worker returning the policy, on a
    // Workers custom domain (Cloudflare creates the host's DNS record and certificate for it).
    const serve = args.email.mtaSts?.serve;
    let policyHost: pulumi.Output<string | undefined> = pulumi.output(undefined);
    if (plan.mtaSts && serve) {
      const scriptName = mtaStsWorkerName(plan.mtaSts.domain);
      const script = new cloudflare.WorkersScript(
        `${name}-mta-sts-worker`,
        {
          accountId: serve.accountId,
          scriptName,
          content: buildMtaStsWorker(plan.mtaSts.policy),
          mainModule: MTA_STS_WORKER_MODULE,
          compatibilityDate: MTA_STS_WORKER_COMPATIBILITY_DATE,
        },
        { parent: this, protect: args.protect },
      );
      const custom = new cloudflare.WorkersCustomDomain(
        `${name}-mta-sts-domain`,
        { accountId: serve.accountId, zoneId: args.zoneId, hostname: plan.mtaSts.policyHost, service: script.scriptName },
        { parent: this, protect: args.protect },
      );
      policyHost = custom.hostname;
    }
    this.mtaStsPolicyHost = policyHost;

    this.recordNames = pulumi.all(names);
    this.mtaStsPolicy = pulumi.output(plan.mtaSts?.policy);
    this.registerOutputs({ recordNames: this.recordNames, mtaStsPolicy: this.mtaStsPolicy, mtaStsPolicyHost: this.mtaStsPolicyHost });
  }
}
