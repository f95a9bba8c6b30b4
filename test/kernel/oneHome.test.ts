/**
 * One home per fact: the facts every tool judges (kernel/) are defined once. This scans the source
 * tree for the tell-tale text of a second definition: the literal numbers, regular expressions,
 * parsing loops and default lists that the copies in config checks, policies, diff and verify
 * were made of. A hit outside the fact's home fails with the file and the fact to import instead.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const SOURCE_DIRS = ["components", "rules", "plan", "policies", "cli", "verify", "diff", "handover", "contracts", "bench", "scripts", "kernel", "adopt"];

interface Fact {
  fact: string;
  /** Where the one definition lives (relative paths). */
  home: string[];
  pattern: RegExp;
  /** Other files allowed to match, each with the reason. */
  allowed?: Record<string, string>;
  /** A snippet of a copy that the pattern must catch (keeps the pattern honest). */
  copy: string;
}

const FACTS: Fact[] = [
  {
    fact: "is production",
    home: ["kernel/environment.ts"],
    pattern: /===\s*["'](prod|production)["']|["']prod["']\s*,\s*["']production["']/,
    allowed: { "components/secrets/rules.ts": "tells whether a secret's *name* mentions production, not whether the stack is" },
    copy: 'return env === "prod" || env === "production";',
  },
  { fact: "HSTS floors", home: ["kernel/hsts.ts"], pattern: /\b(15552000|31536000)\b/, copy: "const HSTS_MIN = 15552000;" },
  {
    fact: "tag=value parsing (DMARC/DKIM)",
    home: ["kernel/tagList.ts"],
    pattern: /split\(\s*["'];["']\s*\)[\s\S]{0,240}?indexOf\(\s*["']=["']\s*\)/,
    allowed: { "rules/request.ts": "splits a Cookie header into name=value pairs (RFC 6265), not a tag list" },
    copy: 'for (const part of text.split(";")) {\n  const eq = part.indexOf("=");',
  },
  { fact: "is a DMARC record", home: ["kernel/dmarc.ts"], pattern: /\/[^/\n]*DMARC1[^/\n]*\/[a-z]*\.test\(/, copy: "/^v=DMARC1/i.test(text)" },
  { fact: "is an SPF record", home: ["kernel/spf.ts"], pattern: /\/\^v=spf1[^\n]*?\/[a-z]*\.test\(/, copy: "/^v=spf1(\\s|$)/i.test(value)" },
  { fact: "TXT unquoting", home: ["kernel/txt.ts"], pattern: /\(\?:\[\^"\\\\\]\|\\\\\.\)\*/, copy: 'c.match(/"((?:[^"\\\\]|\\\\.)*)"/g)' },
  {
    fact: "rule budget",
    home: ["kernel/ruleBudget.ts", "components/constants/cloudflare.ts"],
    pattern: /RULE_LIMITS\s*(\[|\.\w)|export function ruleBudget\b|\(EDGE_PHASES as readonly/,
    copy: "const limit = RULE_LIMITS[phase][plan];",
  },
  {
    fact: "default session cookies, private paths, auth/webhook routes, static-asset lists",
    home: ["kernel/edgeDefaults.ts"],
    pattern: /["']__Host-session["']|["']\/api["']\s*,\s*["']\/admin["']|["']woff2["']|["']\/_next\/static\/["']|["']\/forgot-password["']|["']\/api\/webhooks\/stripe["']/,
    copy: 'export const DEFAULT_PRIVATE_PATHS = ["/api", "/admin"];',
  },
  {
    fact: "resource type tokens",
    home: ["plan/model/tokens.ts"],
    // A resource token ends in its class name (capitalised); invoke tokens (`getZones`) are not resources.
    pattern: /["'](cloudflare|aws|random):[a-zA-Z0-9]+\/[a-zA-Z0-9]+:[A-Z][A-Za-z0-9]*["']/,
    copy: 'export const ZONE = "cloudflare:index/zone:Zone";',
  },
  {
    fact: "is an IP address",
    home: ["kernel/ipAddress.ts"],
    pattern: /isValidFourPartDecimal\(|IPv[46]\.isValid\(|ipaddr\.isValid\(/,
    allowed: {
      "verify/dns/records.ts": "reads addresses from DNS answers (dns-packet's text form) to compare them, judging no config",
      "verify/edge.ts": "matches an answered address against the edge's ranges, judging no config",
    },
    copy: "if (ipaddr.IPv4.isValidFourPartDecimal(content)) return { content };",
  },
  { fact: "Cloudflare CA list", home: ["kernel/certificateAuthorities.ts"], pattern: /["']pki\.goog["']/, copy: 'const CAS = ["letsencrypt.org", "pki.goog", "ssl.com"];' },
];

function sources(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : sources(rel);
    return e.name.endsWith(".ts") ? [rel] : [];
  });
}

const FILES = ["index.ts", ...SOURCE_DIRS.flatMap(sources)].map((file) => ({ file, text: fs.readFileSync(path.join(ROOT, file), "utf8") }));

describe("one definition per kernel fact", () => {
  test.each(FACTS.map((f) => [f.fact, f] as const))("%s is defined only in its home", (_name, fact) => {
    const elsewhere = FILES.filter(({ file, text }) => !fact.home.includes(file) && !(fact.allowed && file in fact.allowed) && fact.pattern.test(text)).map(({ file }) => file);
    expect(elsewhere).toEqual([]);
  });

  test.each(FACTS.map((f) => [f.fact, f] as const))("the pattern for %s finds its home and catches a copy", (_name, fact) => {
    expect(fact.pattern.test(fact.copy)).toBe(true);
    expect(FILES.some(({ file, text }) => fact.home.includes(file) && fact.pattern.test(text))).toBe(true);
  });
});

describe("a thin CLI", () => {
  // Every source folder but cli/ itself: commands call library code, never the other way round.
  const LIBRARY_DIRS = fs.readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith(".") && !["cli", "test", "node_modules", "docs"].includes(d.name)).map((d) => d.name);
  const importsCli = /from\s+["'](?:\.\.?\/)+cli\/|require\(\s*["'](?:\.\.?\/)+cli\//;

  test("no library module imports from cli/", () => {
    const library = ["index.ts", ...LIBRARY_DIRS.flatMap(sources)].map((file) => ({ file, text: fs.readFileSync(path.join(ROOT, file), "utf8") }));
    expect(LIBRARY_DIRS).toEqual(expect.arrayContaining(["plan", "handover", "bench", "adopt", "drift", "init"]));
    expect(library.filter(({ text }) => importsCli.test(text)).map(({ file }) => file)).toEqual([]);
  });

  test("the pattern catches an import and a require of cli/", () => {
    expect(importsCli.test('import { planJson } from "../../cli/commands/plan";')).toBe(true);
    expect(importsCli.test('const { main } = require("../cli/main");')).toBe(true);
    expect(importsCli.test('import { planJson } from "../../plan/pipeline";')).toBe(false);
  });
});
