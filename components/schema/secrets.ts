/**
 * The `secrets` section: the application secrets kept in AWS Secrets Manager under
 * `launch-ready/<env>/<name>`, encrypted with the environment's own KMS key.
 *
 * Example (Pulumi.prod.yaml, under `launch-ready:secrets`):
 *   items:
 *     - { name: stripe-webhook-signing-key, source: config }          # value: launch-ready:stripeWebhookSecret (secure)
 *     - { name: session-signing-key, source: generate, generate: { length: 64 } }
 *   recoveryWindowInDays: 30
 *   appRoleName: app-prod
 *
 * Shape only here; the rules that need the environment (prod recovery window, no prod names in
 * other stacks, duplicates) live in components/secrets/validate.ts (`validateSecrets`).
 */
import { z } from "zod";
import {
  GENERATED_SECRET_DEFAULT_LENGTH,
  GENERATED_SECRET_MAX_LENGTH,
  GENERATED_SECRET_MIN_LENGTH,
  IAM_ROLE_NAME_PATTERN,
} from "../constants/aws";

export const secretNameSchema = z.string().regex(/^[a-z0-9_/-]+$/, {
  error: "a lower-case secret name of letters, digits, \"-\", \"_\" and \"/\" is expected, like \"stripe-webhook-signing-key\"",
});

/** A Pulumi config key inside the launch-ready namespace (no "namespace:" prefix). */
export const configKeySchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, {
  error: "a config key inside the launch-ready namespace is expected, like \"stripeWebhookSecret\" (no \"launch-ready:\" prefix)",
});

export const generateSchema = z.strictObject({
  /** @default 48 characters; at least 32 so a signing key has well over 128 bits of entropy. */
  length: z
    .number()
    .int()
    .min(GENERATED_SECRET_MIN_LENGTH, { error: `at least ${GENERATED_SECRET_MIN_LENGTH} characters are expected` })
    .max(GENERATED_SECRET_MAX_LENGTH, { error: `at most ${GENERATED_SECRET_MAX_LENGTH} characters are expected` })
    .default(GENERATED_SECRET_DEFAULT_LENGTH),
  /** @default false: letters and digits only, safe in env files, headers and URLs. */
  special: z.boolean().default(false),
});

export const secretItemSchema = z.strictObject({
  /** The name under the environment path: `launch-ready/<env>/<name>`. */
  name: secretNameSchema,
  description: z.string().max(2048, { error: "at most 2048 characters are expected" }).optional(),
  /** "config": the value is a `secure:` stack config value; "generate": @pulumi/random makes it. */
  source: z.enum(["config", "generate"], { error: "\"config\" or \"generate\" is expected" }),
  /** Only with source "config". @default the name in camelCase ("stripe-webhook-signing-key" -> "stripeWebhookSigningKey"). */
  configKey: configKeySchema.optional(),
  /** Only with source "generate". @default {length: 48, special: false} */
  generate: generateSchema.optional(),
});

const trustValue = z.string({ error: "a string is expected" });

/**
 * The app role the stack creates, trusted through the app host's OIDC tokens (see
 * components/secrets/oidcTrust.ts for the claims each preset builds).
 */
export const appRoleTrustSchema = z.discriminatedUnion(
  "host",
  [
    z.strictObject({
      host: z.literal("vercel"),
      /** The team slug (vercel.com/<team>): the issuer is https://oidc.vercel.com/<team> (team issuer mode). */
      team: trustValue,
      project: trustValue,
      environment: z.enum(["production", "preview", "development"], { error: "\"production\", \"preview\" or \"development\" is expected" }),
    }),
    z.strictObject({
      host: z.literal("github"),
      owner: trustValue,
      repo: trustValue,
      /** The GitHub deployment environment the workflow job runs in. */
      environment: trustValue,
    }),
    z.strictObject({
      host: z.literal("fly"),
      org: trustValue,
      app: trustValue,
      /** The machine names (the last part of Fly's sub claim), each trusted exactly. */
      machines: z.array(trustValue).min(1, { error: "at least one machine name is expected" }),
    }),
  ],
  { error: "host \"vercel\", \"fly\" or \"github\" is expected" },
);

export const appRoleSchema = z.strictObject({
  /** @default launch-ready-<env>-app */
  name: z.string().regex(IAM_ROLE_NAME_PATTERN, { error: "an IAM role name (1..64 of letters, digits and +=,.@_-) is expected" }).optional(),
  /** An existing IAM OIDC provider for the host's issuer (an account has one per issuer URL). @default the stack creates it */
  oidcProviderArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/[^\s]+$/, { error: "an IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer host/path>) is expected" }).optional(),
  trust: appRoleTrustSchema,
});

export const secretsSchema = z.strictObject({
  /** @default no application secrets (the KMS key and read policy are still created). */
  items: z.array(secretItemSchema).default([]),
  /** 0 (delete at once; not in production) or 7..30. @default 30 in production, 7 elsewhere. */
  recoveryWindowInDays: z.number({ error: "a number of days is expected" }).int({ error: "a whole number of days is expected" }).optional(),
  /** The app's IAM role to attach the read policy to. @default no attachment (attach the policy yourself). */
  appRoleName: z.string().regex(IAM_ROLE_NAME_PATTERN, { error: "an IAM role name (1..64 of letters, digits and +=,.@_-) is expected" }).optional(),
  /** The app role created by the stack with an OIDC trust for the app's host (instead of appRoleName). @default none */
  appRole: appRoleSchema.optional(),
});

export type SecretsSection = z.output<typeof secretsSchema>;
export type SecretItem = z.output<typeof secretItemSchema>;
export type AppRoleTrust = z.output<typeof appRoleTrustSchema>;
export type AppRoleSection = z.output<typeof appRoleSchema>;
