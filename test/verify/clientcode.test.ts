/**
 * `client.secrets` parts: which scripts and source maps a page leads to (same site only), the
 * crawl's bounds, and the scan (the secrets:scan rules through the lint worker, publishable keys
 * allowed, the stack's own secret values by fingerprint). Credential-shaped values are assembled
 * at runtime so the repository's secrets:scan stays clean.
 */
import { crawl, mapSources, sameSite, scriptRefs, sourceMapRef, type FetchedText } from "../../verify/clientcode/crawl";
import { ClientLintService, lintClientText } from "../../verify/clientcode/lintService";
import { fingerprintOf, scanText, STACK_SECRET_RULE_ID } from "../../verify/clientcode/scan";
import { isPublishableKey } from "../../kernel/credentials";

const page = new URL("https://app.example.com/login");

test("same site is the registrable domain over https: sibling hosts yes; other sites, http and look-alikes no", () => {
  expect(sameSite(new URL("https://static.example.com/a.js"), page)).toBe(true);
  expect(sameSite(new URL("https://example.com/a.js"), page)).toBe(true);
  expect(sameSite(new URL("http://app.example.com/a.js"), page)).toBe(false);
  expect(sameSite(new URL("https://js.stripe.com/v3/"), page)).toBe(false);
  expect(sameSite(new URL("https://example.com.evil.test/a.js"), page)).toBe(false);
  // A public suffix is not a site: two GitHub Pages users are different sites.
  expect(sameSite(new URL("https://alice.github.io/a.js"), new URL("https://bob.github.io/"))).toBe(false);
});

test("scripts, module preloads and script preloads are found in order, resolved against <base>, entities decoded, each once", () => {
  const html = `<base href="/app/"><script src="main.js?v=1&amp;x=2"></script><link rel="stylesheet" href="a.css">
    <link rel="preload" as="style" href="s.css"><link rel="modulepreload" href='/chunk.js'><LINK REL="preload" AS="script" HREF=pre.js>
    <script>inline()</script><script type="module" src="main.js?v=1&x=2"></script>`;
  expect(scriptRefs(html, page).map((u) => u.href)).toEqual(["https://app.example.com/app/main.js?v=1&x=2", "https://app.example.com/chunk.js", "https://app.example.com/app/pre.js"]);
});

test("a source map comes from the SourceMap header before the last sourceMappingURL comment", () => {
  const js = new URL("https://app.example.com/assets/a.js");
  expect(sourceMapRef("x()\n//# sourceMappingURL=old.map\n//# sourceMappingURL=a.js.map", {}, js)!.href).toBe("https://app.example.com/assets/a.js.map");
  expect(sourceMapRef("x()\n//# sourceMappingURL=a.js.map", { sourcemap: "/maps/a.map" }, js)!.href).toBe("https://app.example.com/maps/a.map");
  expect(sourceMapRef("x()", { "x-sourcemap": "b.map" }, js)!.href).toBe("https://app.example.com/assets/b.map");
  expect(sourceMapRef("x()", {}, js)).toBeUndefined();
  expect(mapSources('{"sources":["a.ts","b.ts"],"sourcesContent":["A",null]}', "m")).toEqual([{ url: "m (source a.ts)", kind: "sourcemap", text: "A" }]);
  expect(mapSources("<html>", "m")).toBe("not JSON");
});

/** A site on a map: path -> answer; records what was asked, with the byte limit. */
function site(files: Record<string, Partial<FetchedText> & { body: string }>) {
  const asked: string[] = [];
  const fetchText = async (url: URL, maxBytes: number): Promise<FetchedText> => {
    asked.push(url.href);
    const f = files[url.href];
    if (!f) return { status: 404, headers: {}, body: "", truncated: false };
    const cut = Buffer.byteLength(f.body) > maxBytes;
    return { status: 200, headers: {}, truncated: cut, ...f, body: cut ? Buffer.from(f.body).subarray(0, maxBytes).toString() : f.body };
  };
  return { asked, fetchText };
}

test("only same-site files are fetched; another site's script and map are listed, not requested; an inline map's sources are read", async () => {
  const inline = Buffer.from(JSON.stringify({ sources: ["src/x.ts"], sourcesContent: ["orig()"] })).toString("base64");
  const s = site({
    "https://app.example.com/login": { body: '<script src="https://cdn.other.test/lib.js"></script><script src="/a.js"></script><script src="https://static.example.com/b.js"></script>' },
    "https://app.example.com/a.js": { body: `a()\n//# sourceMappingURL=data:application/json;base64,${inline}` },
    "https://static.example.com/b.js": { body: "b()\n//# sourceMappingURL=https://maps.other.test/b.map" },
  });
  const r = await crawl([page], s.fetchText);
  expect(s.asked).toEqual(["https://app.example.com/login", "https://app.example.com/a.js", "https://static.example.com/b.js"]);
  expect(r.otherSite).toEqual(["https://cdn.other.test/lib.js", "https://maps.other.test/b.map"]);
  expect(r.texts.map((t) => `${t.kind} ${t.url}`)).toEqual(["page https://app.example.com/login", "script https://app.example.com/a.js", "sourcemap https://app.example.com/a.js (inline source map) (source src/x.ts)", "script https://static.example.com/b.js"]);
  expect(r.stoppedEarly).toBeUndefined();
});

test("the crawl stops at its file count and its byte bounds, and says where", async () => {
  const scripts = Array.from({ length: 5 }, (_, i) => `<script src="/s${i}.js"></script>`).join("");
  const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`https://app.example.com/s${i}.js`, { body: "x".repeat(100) }]));
  const s = site({ "https://app.example.com/login": { body: scripts }, ...files });
  const byCount = await crawl([page], s.fetchText, { files: 3, fileBytes: 1000, totalBytes: 100_000 });
  expect(s.asked).toHaveLength(4);
  expect(byCount.stoppedEarly).toBe("stopped at 3 scripts and source maps, https://app.example.com/s3.js and later ones not read");

  const byFile = await crawl([page], site({ "https://app.example.com/login": { body: scripts }, ...files }).fetchText, { files: 10, fileBytes: 60, totalBytes: 100_000 });
  // The page itself (5 tags, 150 bytes) is cut first; its first 60 bytes still name two scripts, each also cut.
  expect(byFile.stoppedEarly).toBe("https://app.example.com/login read only to its first 60 bytes");
  expect(byFile.texts.map((t) => `${t.url} ${t.text.length}`)).toEqual(["https://app.example.com/login 60", "https://app.example.com/s0.js 60", "https://app.example.com/s1.js 60"]);

  const total = site({ "https://app.example.com/login": { body: scripts }, ...files });
  const byTotal = await crawl([page], total.fetchText, { files: 10, fileBytes: 1000, totalBytes: 380 });
  // 150 bytes of page and 200 of s0, s1 leave s2 30 bytes; nothing after it is requested.
  expect(byTotal.stoppedEarly).toBe("https://app.example.com/s2.js read only to its first 30 bytes");
  expect(total.asked).toEqual(["https://app.example.com/login", "https://app.example.com/s0.js", "https://app.example.com/s1.js", "https://app.example.com/s2.js"]);
});

test("a request that fails is listed as failed, a non-2xx as unread, and the crawl goes on", async () => {
  const r = await crawl([page, new URL("https://app.example.com/")], async (url) => {
    if (url.pathname === "/login") throw new Error("connection refused");
    return { status: url.pathname === "/" ? 200 : 503, headers: {}, body: '<script src="/a.js"></script>', truncated: false };
  });
  expect(r.failed).toEqual(["https://app.example.com/login (connection refused)"]);
  expect(r.unread).toEqual(["https://app.example.com/a.js (503)"]);
  expect(r.texts.map((t) => t.url)).toEqual(["https://app.example.com/"]);
});

describe("the lint thread", () => {
  const slackToken = ["xoxb", "1234567890", "1234567890123", "AbCdEfGhIjKlMnOpQrStUvWx"].join("-");
  const text = { filePath: "a.js", content: `const t="${slackToken}";` };
  const until = async (done: () => boolean) => {
    for (const deadline = Date.now() + 20_000; !done(); ) {
      if (Date.now() > deadline) throw new Error("condition not reached in 20 s");
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  test("ends once idle, and a later text starts a new one with the same rules", async () => {
    const service = new ClientLintService(50);
    expect(service.started).toBe(false);
    expect((await service.lint(text)).map((m) => m.ruleId)).toEqual(["@secretlint/secretlint-rule-slack"]);
    // A thread left running would keep its rules, and whatever its start referenced, for the process's life.
    await until(() => !service.started);
    expect((await service.lint(text)).map((m) => m.ruleId)).toEqual(["@secretlint/secretlint-rule-slack"]);
    await service.stop();
    expect(service.started).toBe(false);
  });

  test("is kept while texts keep coming, and a stop rejects a text still in flight", async () => {
    const service = new ClientLintService(60_000);
    await service.lint(text);
    await service.lint(text);
    expect(service.started).toBe(true);
    const inFlight = expect(service.lint(text)).rejects.toThrow(/secretlint worker stopped/);
    await service.stop();
    await inFlight;
    expect(service.started).toBe(false);
  });
});

describe("the scan", () => {
  const slackToken = ["xoxb", "1234567890", "1234567890123", "AbCdEfGhIjKlMnOpQrStUvWx"].join("-");
  const publishable = ["pk", "live", "51HxTestOnlyNotARealKey0000"].join("_");

  test("the secrets:scan rules find a token in a bundle, masked; a publishable key is no finding", async () => {
    const found = await scanText(lintClientText, { url: "https://app.example.com/a.js", kind: "script", text: `const s=Stripe("${publishable}");const t="${slackToken}";` }, []);
    expect(found).toEqual([expect.objectContaining({ url: "https://app.example.com/a.js", ruleId: "@secretlint/secretlint-rule-slack", preview: "xoxb…" })]);
    expect(JSON.stringify(found)).not.toContain(slackToken.slice(5));
    expect(isPublishableKey(publishable)).toBe(true);
    expect(isPublishableKey(publishable.replace("pk_", "sk_"))).toBe(false);
  });

  test("a publishable key a rule reports is dropped, a secret key it reports is kept", async () => {
    const secretKey = publishable.replace("pk_", "sk_");
    // A rule reporting Stripe keys (as a Stripe rule in secrets:scan would): every key it sees.
    const stripeRule = async ({ content }: { content: string }) => [...content.matchAll(/[ps]k_live_\w+/g)].map((m) => ({ ruleId: "stripe", line: 1, message: `found ${"*".repeat(m[0].length)}`, matched: m[0] }));
    const found = await scanText(stripeRule, { url: "u", kind: "script", text: `"${publishable}" "${secretKey}"` }, []);
    expect(found).toEqual([{ url: "u", ruleId: "stripe", preview: "sk_l…", message: "found sk_l…" }]);
  });

  test("the stack's own secret value is found by fingerprint, never shown; other tokens of that length are not", async () => {
    const value = ["webhook", "signing", "value", "42"].join("-");
    const fp = fingerprintOf(value);
    expect(JSON.stringify(fp)).not.toContain(value);
    const found = await scanText(async () => [], { url: "https://app.example.com/a.js", kind: "script", text: `fetch(u,{headers:{"x-sig":'${value}'}});const other="${"y".repeat(value.length)}"` }, [fp]);
    expect(found).toEqual([{ url: "https://app.example.com/a.js", ruleId: STACK_SECRET_RULE_ID, preview: "webh…", message: "a secret value of this stack (its config or vault) is shipped to browsers: webh…" }]);
    expect(await scanText(async () => [], { url: "u", kind: "script", text: "nothing here" }, [fp])).toEqual([]);
  });
});

describe("--secret-values FILE", () => {
  const { parseSecretValues } = require("../../verify/clientcode/secretValues") as typeof import("../../verify/clientcode/secretValues");

  test("NAME=value lines, quoted or not, become fingerprints only; comments and blank lines are skipped", () => {
    const a = ["value", "one", "1234"].join("-");
    const b = ["value", "two", "5678"].join("-");
    const fps = parseSecretValues(`# deployed\n\nA=${a}\nexport B='${b}'\r\n`, "f");
    expect(fps).toEqual([fingerprintOf(a), fingerprintOf(b)]);
    expect(JSON.stringify(fps)).not.toContain("value-");
  });

  test("a bad line, a short value or an empty file is refused naming the line, never the value", () => {
    expect(() => parseSecretValues("just-a-value-here", "f")).toThrow("f line 1: not a NAME=value line");
    expect(() => parseSecretValues("# x\nPIN=short1", "f")).toThrow(/^f line 2 \(PIN\): the value is shorter than 8 characters/);
    expect(() => parseSecretValues("# x\nPIN=short1", "f")).not.toThrow(/short1/);
    expect(() => parseSecretValues("# only a comment\n", "f")).toThrow("f: no NAME=value line");
  });

  test("the CLI: an unreadable or malformed file is exit 2 naming the flag, before anything is checked", async () => {
    const fs = require("node:fs") as typeof import("node:fs");
    const os = require("node:os") as typeof import("node:os");
    const path = require("node:path") as typeof import("node:path");
    const { cliInProcess } = require("./support/cli") as typeof import("./support/cli");
    const missing = await cliInProcess(["--secret-values", "/nonexistent/s.env", "--resolver", "127.0.0.1:1"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--secret-values /nonexistent/s.env: cannot read it (ENOENT)");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sv-")), "s.env");
    fs.writeFileSync(file, "TOKEN=abc\n");
    const short = await cliInProcess(["--secret-values", file, "--resolver", "127.0.0.1:1"]);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain(`--secret-values ${file} line 1 (TOKEN): the value is shorter than 8 characters`);
    expect(short.stderr).not.toMatch(/\n\s+at /);
  });
});
