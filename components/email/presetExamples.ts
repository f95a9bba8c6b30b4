/** Examples of the structured mail-preset values; no imports, so schema and checks can both read it. */

/**
 * Examples of the structured values a preset requires: error messages show them beside the
 * expected shape (configErrors.ts reads `.meta({ example })`), and docs/config.md repeats them.
 */
export const PRESET_EXAMPLES = {
  dkimKey: { selector: "google", key: "v=DKIM1; k=rsa; p=MIIBIjANBgkq..." },
  dkimDatedKey: { selector: "20240101123456pm", key: "k=rsa; p=MIIBIjANBgkq..." },
  resendDkim: { key: "p=MIGfMA0GCSqGSIb3..." },
  dkimTargets: {
    selector1: "selector1-acme-club-io._domainkey.acme.onmicrosoft.com",
    selector2: "selector2-acme-club-io._domainkey.acme.onmicrosoft.com",
  },
  tenant: "contoso",
  mxHost: "acme-club-io.mail.protection.outlook.com",
  sendgridAccount: "u2744887.wl138",
  sendgridReturnPath: "em5945",
  customMx: [{ host: "mx1.example.net", priority: 10 }],
  dmarc: { p: "quarantine", rua: ["mailto:dmarc@example.com"] },
  dmarcRollout: { policy: "none", until: "2026-12-15" },
} as const;

