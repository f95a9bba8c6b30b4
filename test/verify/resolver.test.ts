/** The resolver's failure modes, on loopback: a server that is not there, one that stays silent. */
import * as dgram from "node:dgram";
import { createResolver, DnsQueryError } from "../../verify/dns/resolver";

test("nothing listening: refused at once (ICMP port unreachable), not after the timeout", async () => {
  const t0 = Date.now();
  const err = await createResolver({ host: "127.0.0.1", port: 1 }, 5000).query("example.test", "A").catch((e) => e);
  expect(err).toBeInstanceOf(DnsQueryError);
  expect(err.message).toBe("example.test A: refused: nothing answers DNS at that address and port (resolver 127.0.0.1:1)");
  expect(Date.now() - t0).toBeLessThan(1000);
});

test("a server that never answers: the query ends at its timeout", async () => {
  const silent = dgram.createSocket("udp4");
  await new Promise<void>((r) => silent.bind(0, "127.0.0.1", r));
  try {
    const t0 = Date.now();
    const err = await createResolver({ host: "127.0.0.1", port: silent.address().port }, 150).query("example.test", "TXT").catch((e) => e);
    expect(err).toMatchObject({ name: "DnsQueryError", reason: "no answer within 150 ms" });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  } finally {
    silent.close();
  }
});
