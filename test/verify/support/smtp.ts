/**
 * A loopback SMTP server for the STARTTLS probe: greets, answers EHLO (with or without STARTTLS),
 * upgrades to TLS with the certificate of the name the client asks for (SNI), and says goodbye.
 * It accepts no mail: MAIL, RCPT and DATA get 502.
 */
import * as net from "node:net";
import * as tls from "node:tls";
import type { Issued } from "./pki";

export interface SmtpServer {
  port: number;
  /** Offer STARTTLS in the EHLO answer (default true). */
  starttls: boolean;
  certs: Map<string, Issued>;
  close(): Promise<void>;
}

export async function startSmtp(address: string, fallback: Issued): Promise<SmtpServer> {
  const sockets = new Set<net.Socket>();
  const state = { starttls: true, certs: new Map<string, Issued>() };
  const contexts = new Map<Issued, tls.SecureContext>();
  const contextOf = (issued: Issued) => {
    if (!contexts.has(issued)) contexts.set(issued, tls.createSecureContext({ key: issued.key, cert: issued.cert }));
    return contexts.get(issued)!;
  };
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on("close", () => sockets.delete(sock));
    sock.on("error", () => undefined);
    sock.write("220 mx.test ESMTP launch-ready test\r\n");
    let buf = "";
    const onData = (chunk: Buffer) => {
      buf += chunk.toString("latin1");
      let i: number;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i).replace(/\r$/, "");
        buf = buf.slice(i + 1);
        const verb = line.split(" ")[0]!.toUpperCase();
        if (verb === "EHLO") sock.write(`250-mx.test greets ${line.slice(5)}\r\n250-PIPELINING\r\n${state.starttls ? "250-STARTTLS\r\n" : ""}250 8BITMIME\r\n`);
        else if (verb === "STARTTLS" && state.starttls) {
          sock.off("data", onData);
          sock.write("220 2.0.0 Ready to start TLS\r\n", () => {
            const secure = new tls.TLSSocket(sock, {
              isServer: true,
              secureContext: contextOf(fallback),
              SNICallback: (name, cb) => cb(null, contextOf(state.certs.get(name) ?? fallback)),
            });
            secure.on("error", () => undefined);
            secure.on("data", (d: Buffer) => {
              if (/^QUIT/i.test(d.toString("latin1"))) secure.end("221 2.0.0 Bye\r\n");
            });
          });
          return;
        } else if (verb === "QUIT") sock.end("221 2.0.0 Bye\r\n");
        else sock.write("502 5.5.2 Not accepting mail\r\n");
      }
    };
    sock.on("data", onData);
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, address, () => resolve()));
  return Object.assign(state, {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  });
}
