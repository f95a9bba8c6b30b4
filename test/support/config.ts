/** Builds raw config input for parseStackConfig from plain objects. */
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
