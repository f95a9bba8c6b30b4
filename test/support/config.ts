/** Config for tests: raw input for parseStackConfig from plain objects, and minimal stack files. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RawConfigValue } from "../../components/config";

export const VALID_CORE = {
  environment: "prod",
  domain: "example.com",
  zone: { id: "0123456789abcdef0123456789abcdef" },
  hosts: [
    { name: "@", origin: { cname: "example-web.vercel.app" } },
    { name: "app", origin: { cname: "example-web.vercel.app" } },
    { name: "admin", origin: { cname: "example-web.vercel.app" } },
  ],
  // The admin host is sensitive: something must restrict who reaches it.
  edge: { ipAllowList: ["203.0.113.0/24"] },
  // Production must name an alert target.
  monitoring: { alerts: { emails: ["ops@example.com"] } },
};

export function raw(values: Record<string, unknown>, secretKeys: string[] = []): Record<string, RawConfigValue> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => {
      const full = key.includes(":") ? key : `launch-ready:${key}`;
      return [full, { value, secret: secretKeys.includes(key) || secretKeys.includes(full) }];
    }),
  );
}

/**
 * A stack file with only what a stack must name (environment demo, its zone, one host), plus
 * `extra` lines under `config:`, written to a fresh temporary folder. Returns its path; the
 * stack's name is the file's (`Pulumi.<stack>.yaml`).
 */
export function writeCoreStackFile(stack: string, extra: string[] = []): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lr-stack-")), `Pulumi.${stack}.yaml`);
  const lines = [
    "config:",
    "  launch-ready:environment: demo",
    "  launch-ready:domain: demo-community.org",
    '  launch-ready:zone: {id: "00000000000000000000000000000001"}',
    "  launch-ready:hosts:",
    "    - {name: '@', origin: {cname: demo.netlify.app}}",
    ...extra,
    "",
  ];
  fs.writeFileSync(file, lines.join("\n"));
  return file;
}
