/**
 * SSL/TLS/HSTS downgrades in the zone settings (Cloudflare's own JSON shapes, see
 * cloudflare-and-pulumi-facts.md): SSL mode, minimum TLS version, TLS 1.3, Always Use HTTPS, and
 * the HSTS header (enabled, max-age, includeSubDomains, preload, nosniff). A setting the head no
 * longer manages falls back to whatever the dashboard holds, which is a downgrade too.
 */
import { asRecord, knownNumber } from "../../plan/read/values";
import { zoneSettings } from "../../plan/read/resources";
import type { Risk } from "../types";
import type { RiskRule } from "./context";

/** Cloudflare SSL modes from weakest to strongest (developers.cloudflare.com/ssl/origin-configuration/ssl-modes, 2026-11). */
export const SSL_MODE_ORDER = ["off", "flexible", "full", "strict"];

function onOff(value: unknown): boolean | undefined {
  if (value === true || value === "on" || value === "zrt") return true;
  if (value === false || value === "off") return false;
  return undefined;
}

function hsts(value: unknown): Record<string, unknown> | undefined {
  return asRecord(asRecord(value)?.strict_transport_security);
}

export const tlsRisks: RiskRule = ({ base, head }) => {
  const before = zoneSettings(base);
  const after = zoneSettings(head);
  const risks: Risk[] = [];
  const add = (subject: string, urn: string | undefined, message: string) => risks.push({ kind: "tls-downgrade", subject, urn, message });

  for (const [id, b] of before) {
    const h = after.get(id);
    if (!h) {
      add(id, b.urn, `Zone setting ${id} is no longer managed: the zone keeps whatever value the dashboard holds, and nothing stops a downgrade.`);
      continue;
    }
    if (id === "ssl") {
      const from = SSL_MODE_ORDER.indexOf(String(b.value));
      const to = SSL_MODE_ORDER.indexOf(String(h.value));
      if (from >= 0 && to >= 0 && to < from) add(id, h.urn, `SSL mode is lowered from ${b.value} to ${h.value}: Cloudflare ${to <= 1 ? "no longer encrypts, or no longer verifies," : "no longer verifies"} the origin's certificate.`);
    } else if (id === "min_tls_version") {
      const from = knownNumber(b.value);
      const to = knownNumber(h.value);
      if (from !== undefined && to !== undefined && to < from) add(id, h.urn, `Minimum TLS version is lowered from ${b.value} to ${h.value}.`);
    } else if (id === "tls_1_3" || id === "always_use_https" || id === "automatic_https_rewrites") {
      if (onOff(b.value) === true && onOff(h.value) === false) add(id, h.urn, `Zone setting ${id} is turned off (was ${String(b.value)}).`);
    } else if (id === "security_header") {
      const bh = hsts(b.value);
      const hh = hsts(h.value);
      if (!bh || bh.enabled !== true) continue;
      if (!hh || hh.enabled !== true) {
        add("hsts", h.urn, "HSTS is disabled: browsers may again connect over plain HTTP.");
        continue;
      }
      const fromAge = knownNumber(bh.max_age);
      const toAge = knownNumber(hh.max_age);
      if (fromAge !== undefined && toAge !== undefined && toAge < fromAge) add("hsts", h.urn, `HSTS max-age is lowered from ${fromAge} to ${toAge} seconds.`);
      if (bh.include_subdomains === true && hh.include_subdomains !== true) add("hsts", h.urn, "HSTS includeSubDomains is turned off: subdomains may again be reached over plain HTTP.");
      if (bh.preload === true && hh.preload !== true) add("hsts", h.urn, "HSTS preload is turned off.");
      if (bh.nosniff === true && hh.nosniff !== true) add("security_header", h.urn, "The security header setting no longer sends X-Content-Type-Options: nosniff.");
    }
  }
  return risks;
};

