/**
 * Our own secretlint rule: the credential shapes of the project's one judge (kernel/credentials.ts)
 * that secretlint's recommended preset has no rule for (Stripe live and restricted keys, Stripe
 * webhook signing secrets, Cloudflare tokens). A proper secretlint rule module (a
 * SecretLintRuleCreator, https://github.com/secretlint/secretlint/blob/master/docs/secretlint-rule.md),
 * loaded by secretlint.ts beside the preset, so `secrets-scan` finds a Stripe key in any file
 * (`stripe.js`, a stack file's `launch-ready:stripe`), not only under a secret-looking key.
 */
import type { SecretLintRuleCreator, SecretLintSourceCode } from "@secretlint/types";
import { CREDENTIAL_SHAPES, findCredentials, OWN_SCAN_RULE_ID } from "../kernel/credentials";

const OWN_SHAPES = CREDENTIAL_SHAPES.filter((s) => s.scanRule === OWN_SCAN_RULE_ID);

// secretlint masks every string passed as message data, so the kind is part of the template and
// only the credential itself is data (replaced by "*" runs, then by a preview in scan.ts).
const messages = Object.fromEntries(
  OWN_SHAPES.map((s) => [s.id, { en: (props: { CREDENTIAL: string }) => `found ${s.kind}: ${props.CREDENTIAL}` }]),
);

export const creator: SecretLintRuleCreator = {
  messages,
  meta: {
    id: OWN_SCAN_RULE_ID,
    recommended: true,
    type: "scanner",
    // Text only: scan.ts hands binary files to the rules as text (a NUL byte hides no secret).
    supportedContentTypes: ["text"],
  },
  create(context) {
    const t = context.createTranslator(messages);
    return {
      file(source: SecretLintSourceCode) {
        for (const m of findCredentials(source.content, OWN_SHAPES)) {
          context.report({ message: t(m.shape.id, { CREDENTIAL: m.text }), range: [m.index, m.index + m.text.length] });
        }
      },
    };
  },
};
