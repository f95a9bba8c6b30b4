/**
 * No plaintext secrets: secret material must reach the engine as a Pulumi secret, so it is
 * encrypted in the state and masked in every output. Secretness comes from wire.ts (the SDK
 * unwraps secrets before policies run; wire.ts records where they were).
 */
import { credentialKind, isCredentialInputName } from "./credentialPatterns";
import { PackPolicy, ResourceView, resourcePolicy } from "./policy";
import { TYPES } from "../plan/model/tokens";
import { PropertyPath, formatPath, isUnderSecret, isUnknown, stringLeaves } from "./wire";

const SECRET_VALUE_INPUTS = ["secretString", "secretBinary"] as const;

/** The recorded secret paths, or a thrown error (a violation, via the fail-closed wrapper) when unknowable. */
function requireSecretPaths(r: ResourceView): PropertyPath[] {
  if (!r.secretPaths) {
    throw new Error("the pack cannot tell secret inputs from plain ones (policies/wire.ts hook not active)");
  }
  return r.secretPaths;
}

export const secretVersionValueIsSecret = resourcePolicy({
  name: "secret-version-value-is-secret",
  description: "Checks whether a Secrets Manager secret version's value is a Pulumi secret.",
  severity: "critical",
  remediation: "Wrap the value in pulumi.secret(...) or take it from a secret config value (pulumi config set --secret); never pass a plain string.",
  resourceTypes: [TYPES.secretVersion],
  check: (r, report) => {
    const secrets = requireSecretPaths(r);
    for (const input of SECRET_VALUE_INPUTS) {
      // An unknown value cannot be judged: the SDK sends every unknown output as the bare unknown
      // sentinel, secret or not (rpc.js serializeProperty), so a generated password is "plain
      // unknown" at preview. The engine runs the pack again at update, with the value known and
      // its secretness with it; a plaintext literal is always known, so it is always caught.
      if (r.props[input] !== undefined && !isUnknown(r.props[input]) && !isUnderSecret(secrets, [input])) {
        report(`${input} of ${r.name} must be a Pulumi secret.`);
      }
    }
  },
});

export const noPlaintextCredentials = resourcePolicy({
  name: "no-plaintext-credentials",
  description: "Checks whether any resource input that looks like a credential (AWS, Stripe, Slack, Cloudflare, GitHub keys, private keys) or is named as one (secretKey, token, password, clientSecret...) is a Pulumi secret.",
  severity: "critical",
  remediation: "Move the credential into secret stack config (pulumi config set --secret) or wrap it in pulumi.secret(...); then rotate it, since it has been in plain text.",
  // Every type: a credential can hide in any input (tags, user data, headers, provider config).
  resourceTypes: "all",
  check: (r, report) => {
    const secrets = requireSecretPaths(r);
    for (const [path, value] of stringLeaves(r.props)) {
      if (isUnderSecret(secrets, path) || isUnknown(value)) continue;
      const kind = credentialKind(value);
      const name = path[path.length - 1];
      // Never echo the value: the message itself would leak it.
      if (kind) report(`${formatPath(path)} of ${r.name} looks like ${kind} and must be a Pulumi secret.`);
      else if (typeof name === "string" && value.trim() !== "" && isCredentialInputName(name)) {
        report(`${formatPath(path)} of ${r.name} holds a credential by its name and must be a Pulumi secret.`);
      }
    }
  },
});

export const secretPolicies: PackPolicy[] = [secretVersionValueIsSecret, noPlaintextCredentials];
