/**
 * `verify --message`: saved received messages, DKIM-signed here with mailauth (keys generated at
 * test time), judged against a map resolver so no network is used.
 */
import type * as crypto from "node:crypto";
import { authenticate, dkimSign, sealMessage } from "mailauth";
import { judgeMessage, mapResolver, receiverResults } from "../../verify/email/message";
import { verdictOf } from "../../verify/report";
import type { Check } from "../../verify/types";
import { testRsaKeyPair } from "../support/rsaKeys";

const APEX = "members-club.example";
const SENDER_IP = "192.0.2.10";
const FORWARDER_IP = "198.51.100.7";

// Two keys: a signature by the provider's key must not verify under the sender's record.
const own = testRsaKeyPair(2048, "dkim");
const provider = testRsaKeyPair(2048, "dkim-provider");
const dkimTxt = (k: crypto.KeyPairKeyObjectResult) => `v=DKIM1; k=rsa; p=${k.publicKey.export({ type: "spki", format: "der" }).toString("base64")}`;

const DNS = mapResolver({
  [`s1._domainkey.${APEX} TXT`]: [dkimTxt(own)],
  [`s1._domainkey.sendgrid.net TXT`]: [dkimTxt(provider)],
  [`bounce.${APEX} TXT`]: [`v=spf1 ip4:192.0.2.0/24 -all`],
  [`sendgrid.net TXT`]: [`v=spf1 ip4:192.0.2.0/24 -all`],
  [`_dmarc.${APEX} TXT`]: ["v=DMARC1; p=reject; rua=mailto:dmarc@members-club.example"],
});

interface Envelope {
  ip: string;
  fromHost: string;
  returnPath: string;
  receiverAr: string;
}

function unsigned(e: Envelope, body = "Your password reset link: https://members-club.example/reset/abc\r\n"): string {
  return [
    `Authentication-Results: mx.google.com; ${e.receiverAr}`,
    `Received: from ${e.fromHost} (${e.fromHost} [${e.ip}]) by mx.google.com with ESMTPS id x1 for <member@gmail.example>; Thu, 03 Dec 2026 10:00:00 +0000`,
    `Return-Path: <${e.returnPath}>`,
    `From: Members Club <hello@${APEX}>`,
    "To: member@gmail.example",
    "Subject: Reset your password",
    "Date: Thu, 03 Dec 2026 10:00:00 +0000",
    `Message-ID: <1@${APEX}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
  ].join("\r\n");
}

/**
 * Signing times given, not left to mailauth: without one it reads the clock twice, once for the
 * header it signs and once for the header it writes (tools.js formatSignatureHeaderLine's default
 * `t`, rounded to the second), so a signature that straddles a half second carries a t= it did not
 * sign and fails to verify, now and then, on a busy machine.
 */
const SIGNED_AT = new Date("2026-12-03T10:00:00Z");
const SEALED_AT = new Date("2026-12-03T10:00:30Z");

async function signed(message: string, signingDomain: string, key: crypto.KeyPairKeyObjectResult): Promise<string> {
  const privateKey = key.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const { signatures, errors } = await dkimSign(message, { signingDomain, selector: "s1", privateKey, signTime: SIGNED_AT, signatureData: [{ signingDomain, selector: "s1", privateKey }] } as never);
  expect(errors).toEqual([]);
  // The signature goes under the receiver's own headers, where the sender put it.
  const cut = message.indexOf("Return-Path:");
  return message.slice(0, cut) + signatures + message.slice(cut);
}

const GOOD: Envelope = { ip: SENDER_IP, fromHost: "a8-1.smtp-out.amazonses.com", returnPath: `b@bounce.${APEX}`, receiverAr: `dkim=pass header.i=@${APEX}; spf=pass smtp.mailfrom=bounce.${APEX}; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=${APEX}` };

const byId = (checks: Check[]) => Object.fromEntries(checks.map((c) => [c.id, c]));

let good: Record<string, Check>;
let forwarded: Record<string, Check>;
let unaligned: Record<string, Check>;
let altered: Record<string, Check>;
let all: Check[][];

beforeAll(async () => {
  const goodMsg = await signed(unsigned(GOOD), APEX, own);
  const fwdMsg = await signed(unsigned({ ...GOOD, ip: FORWARDER_IP, fromHost: "lists.forwarder.example", receiverAr: `dkim=pass header.i=@${APEX}; spf=fail smtp.mailfrom=bounce.${APEX}; dmarc=pass header.from=${APEX}` }), APEX, own);
  const sgMsg = await signed(unsigned({ ...GOOD, fromHost: "o1.ptr.sendgrid.net", returnPath: "bounces+42@sendgrid.net", receiverAr: `dkim=pass header.i=@sendgrid.net; spf=pass smtp.mailfrom=sendgrid.net; dmarc=fail (p=REJECT) header.from=${APEX}` }), "sendgrid.net", provider);
  const alteredMsg = goodMsg.replace("reset/abc", "reset/evil");
  all = await Promise.all([goodMsg, fwdMsg, sgMsg, alteredMsg].map((m, i) => judgeMessage(`m${i}.eml`, m, DNS)));
  [good, forwarded, unaligned, altered] = all.map(byId) as [Record<string, Check>, Record<string, Check>, Record<string, Check>, Record<string, Check>];
});

test("a correctly sent message: SPF, DKIM and DMARC pass aligned, the provider is named, the receiver agrees: GO", () => {
  expect(Object.fromEntries(Object.entries(good).map(([id, c]) => [id, c.status]))).toEqual({
    "message.spf": "pass", "message.dkim": "pass", "message.dmarc": "pass", "message.provider": "pass", "message.receiver": "pass",
  });
  expect(good["message.provider"]!.message).toContain("Amazon SES");
  expect(good["message.dmarc"]!.message).toContain(`DKIM (${APEX})`);
  expect(good["message.dmarc"]!.target).toBe(`m0.eml (From ${APEX})`);
  expect(verdictOf(all[0]!)).toBe("GO");
});

test("a forwarded message: SPF fails at the forwarder's IP, aligned DKIM carries DMARC: GO with an SPF warning", () => {
  expect(forwarded["message.spf"]!.status).toBe("warn");
  expect(forwarded["message.spf"]!.message).toContain(FORWARDER_IP);
  expect(forwarded["message.dkim"]!.status).toBe("pass");
  expect(forwarded["message.dmarc"]!.status).toBe("pass");
  expect(forwarded["message.receiver"]!.status).toBe("pass");
  expect(verdictOf(all[1]!)).toBe("GO");
});

test("a provider signing with its own domain: DKIM and SPF valid but not aligned, DMARC fails: NO-GO", () => {
  expect(unaligned["message.dkim"]!.status).toBe("warn");
  expect(unaligned["message.dkim"]!.message).toContain("sendgrid.net, not aligned");
  expect(unaligned["message.spf"]!.status).toBe("warn");
  expect(unaligned["message.dmarc"]!.status).toBe("fail");
  expect(unaligned["message.provider"]!.message).toContain("SendGrid");
  expect(unaligned["message.receiver"]!.status).toBe("fail");
  expect(verdictOf(all[2]!)).toBe("NO-GO");
});

test("a body altered after signing: DKIM fails (NO-GO by message.dkim), and the receiver's pass no longer agrees", () => {
  expect(altered["message.dkim"]!.status).toBe("fail");
  expect(altered["message.dkim"]!.message).toMatch(/body hash/i);
  expect(altered["message.receiver"]!.status).toBe("warn");
  expect(altered["message.receiver"]!.message).toContain("dkim: receiver pass, here fail");
  expect(verdictOf(all[3]!)).toBe("NO-GO");
});

test("not a message: one clear failure, no throw", async () => {
  const checks = await judgeMessage("empty.eml", "", DNS);
  expect(checks).toHaveLength(1);
  expect(checks[0]!.status).toBe("fail");
  expect(checks[0]!.message).toMatch(/From/);
});

test("the receiver's header is read without its comments", () => {
  expect(receiverResults("mx.example; spf=pass (dkim=fail in a comment) smtp.mailfrom=a.example; dkim=fail; dkim=pass header.d=a.example; dmarc=pass")).toEqual({
    spf: ["pass"], dkim: ["fail", "pass"], dmarc: ["pass"],
  });
});

describe("the CLI", () => {
  const fs = require("node:fs") as typeof import("node:fs");
  const os = require("node:os") as typeof import("node:os");
  const path = require("node:path") as typeof import("node:path");
  const { cliInProcess } = require("./support/cli") as typeof import("./support/cli");

  test("an unreadable --message file or one combined with a stack: exit 2, naming the flag", async () => {
    const missing = await cliInProcess(["--message", "/nonexistent/x.eml", "--resolver", "127.0.0.1:1"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--message /nonexistent/x.eml: cannot read it (ENOENT)");
    const mixed = await cliInProcess(["--message", "a.eml", "--stack", "prod", "--resolver", "127.0.0.1:1"]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain("cannot be combined");
  });

  test("a message whose DNS cannot be answered: judged through --resolver, NO-GO exit 1 with JSON checks", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "msg-"));
    const file = path.join(dir, "reset.eml");
    fs.writeFileSync(file, await signed(unsigned(GOOD), APEX, own));
    const r = await cliInProcess(["--message", file, "--resolver", "127.0.0.1:1", "--timeout-ms", "300", "--json"]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.verdict).toBe("NO-GO");
    expect(out.checks.find((c: Check) => c.id === "message.dkim").status).toBe("fail");
    expect(out.checks.every((c: Check) => c.id.startsWith("message."))).toBe(true);
  });
});

describe("a message forwarded through a mailing list that seals ARC", () => {
  // The list's ARC key and its own SPF; everything else as the sender published it.
  const list = testRsaKeyPair(2048, "arc-list");
  const LIST = "forwarder.example";
  const LIST_IP = "198.51.100.7";
  const listDns = mapResolver({ [`arc1._domainkey.${LIST} TXT`]: [dkimTxt(list)], [`${LIST} TXT`]: ["v=spf1 ip4:198.51.100.0/24 -all"] });
  const arcDns: typeof DNS = async (name, rrtype) => listDns(name, rrtype).catch(() => DNS(name, rrtype));

  /**
   * What the list does (RFC 8617 section 5.1): authenticate the message as it arrives, tag the subject
   * and add a footer (breaking the sender's DKIM), seal ARC over what it saw, and send it on from
   * its own address; Gmail then adds its Received line and verdict. Signed here at test time.
   */
  async function throughList(signingDomain: string, key: crypto.KeyPairKeyObjectResult, gmailAr: string, after: (m: string) => string = (m) => m): Promise<string> {
    const original = [`From: Members Club <hello@${APEX}>`, `To: club@${LIST}`, "Subject: Meetup on Friday", "Date: Thu, 03 Dec 2026 10:00:00 +0000", `Message-ID: <3@${APEX}>`, "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", "See you there.\r\n"].join("\r\n");
    const privateKey = key.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const { signatures } = await dkimSign(original, { signTime: SIGNED_AT, signatureData: [{ signingDomain, selector: "s1", privateKey }] } as never);
    const arrived = signatures + original;
    const atList = await authenticate(arrived, { ip: SENDER_IP, helo: "a8-1.smtp-out.amazonses.com", sender: signingDomain === APEX ? `b@bounce.${APEX}` : "bounces+42@sendgrid.net", mta: `lists.${LIST}`, resolver: arcDns, disableBimi: true });
    expect(atList.arc && atList.arc.status.result).toBe("none");
    const modified = arrived.replace("Subject: Meetup", "Subject: [club] Meetup") + "--\r\nclub mailing list\r\n";
    const seal = await sealMessage(modified, { signingDomain: LIST, selector: "arc1", privateKey: list.privateKey.export({ type: "pkcs8", format: "pem" }).toString(), authResults: atList.arc ? atList.arc.authResults! : "", cv: "none", signTime: SEALED_AT } as never);
    const gmail = `Authentication-Results: mx.google.com; ${gmailAr}\r\nReceived: from lists.${LIST} (lists.${LIST} [${LIST_IP}]) by mx.google.com with ESMTPS id x2 for <member@gmail.example>; Thu, 03 Dec 2026 10:01:00 +0000\r\nReturn-Path: <club-bounces@${LIST}>\r\n`;
    return after(gmail + seal.toString() + modified);
  }

  let arcGood: Check[];
  let arcBroken: Check[];
  let arcUnaligned: Check[];
  beforeAll(async () => {
    const gmailAr = `dkim=fail header.i=@${APEX}; spf=pass smtp.mailfrom=${LIST}; arc=pass (i=1 spf=pass dkim=pass dmarc=pass); dmarc=fail (p=REJECT) header.from=${APEX}`;
    const good = await throughList(APEX, own, gmailAr);
    // Altered after the list sealed it: the seal no longer covers the message.
    const broken = await throughList(APEX, own, gmailAr, (m) => m.replace("See you there.", "See you elsewhere."));
    // The sender's mail was unaligned before the list touched it: the list saw DMARC fail.
    const unalignedAtList = await throughList("sendgrid.net", provider, `dkim=fail header.i=@sendgrid.net; spf=pass smtp.mailfrom=${LIST}; arc=pass; dmarc=fail (p=REJECT) header.from=${APEX}`);
    [arcGood, arcBroken, arcUnaligned] = await Promise.all([good, broken, unalignedAtList].map((m, i) => judgeMessage(`list${i}.eml`, m, arcDns)));
  });

  test("a valid chain whose list saw DMARC pass aligned: GO, the chain reported, DKIM and DMARC warn and say why", () => {
    const c = byId(arcGood);
    expect(c["message.arc"]).toMatchObject({ status: "pass", message: `valid chain sealed by ${LIST} (i=1), which saw dmarc=pass for the From domain on arrival` });
    expect(c["message.dmarc"]).toMatchObject({ status: "warn", message: expect.stringMatching(new RegExp(`^fail here after forwarding: the valid ARC chain sealed by ${LIST} \\(i=1\\) shows DMARC passed aligned when lists\\.${LIST} received it`)) });
    expect(c["message.dkim"]!.status).toBe("warn");
    expect(c["message.dkim"]!.message).toMatch(/body hash/i);
    expect(c["message.receiver"]).toMatchObject({ status: "warn", message: expect.stringContaining("dmarc=fail and arc=pass") });
    expect(c["message.spf"]!.status).toBe("warn");
    expect(verdictOf(arcGood)).toBe("GO");
  });

  test("a chain broken after sealing vouches for nothing: NO-GO by DMARC, the chain's failure named", () => {
    const c = byId(arcBroken);
    expect(c["message.arc"]).toMatchObject({ status: "warn", message: expect.stringMatching(/^ARC chain fail/) });
    expect(c["message.dmarc"]!.status).toBe("fail");
    expect(verdictOf(arcBroken)).toBe("NO-GO");
  });

  test("a valid chain whose list saw DMARC fail (unaligned provider signature) does not rescue it: NO-GO", () => {
    const c = byId(arcUnaligned);
    expect(c["message.arc"]).toMatchObject({ status: "warn", message: `valid chain sealed by ${LIST} (i=1), which saw dmarc=fail: it does not vouch for the From domain's DMARC` });
    expect(c["message.dmarc"]!.status).toBe("fail");
    expect(c["message.receiver"]!.status).toBe("fail");
    expect(verdictOf(arcUnaligned)).toBe("NO-GO");
  });
});
