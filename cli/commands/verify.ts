/**
 * `launch-ready verify`: check the live public surface of a stack; GO or NO-GO.
 * Flags and help only: the action and the library it calls load from cli/run/verify.ts when the
 * command runs, so `--help` and a flag error answer without them.
 */
import type { Command } from "commander";
import type { VerifyFlags } from "../run/verify";

const runModule = () => require("../run/verify") as typeof import("../run/verify");

export function register(program: Command): void {
  program
    .command("verify")
    .description("Check the live DNS, redirects, TLS, headers, email auth, smoke routes and p95 of a stack; GO or NO-GO")
    .option("-s, --stack <name>", "stack to verify (reads Pulumi.<name>.yaml; default: staging)")
    .option("-c, --config-file <path>", "verify the stack of this stack file")
    .option("--plan <file>", "verify the stack of a rendered plan (`launch-ready plan --json` output)")
    .option("--json", "print {verdict, checks: [{id, target, status, severity, message}], risks, notes, timing} as JSON")
    .option("--junit <file>", "also write the checks as JUnit XML")
    .option("--resolver <ip:port>", "DNS server for every lookup (default: the first nameserver of /etc/resolv.conf)")
    .option("--edge-ranges <file>", "CIDRs (one a line) that count as the proxy's edge (default: Cloudflare's published ranges)")
    .option("--ca-file <path>", "extra trusted CA certificate (PEM)")
    .option("--http-port <n>", "port the hosts serve http on (default 80)")
    .option("--https-port <n>", "port the hosts serve https on (default 443)")
    .option("--smtp-port <n>", "probe STARTTLS on the MX hosts at this port (25; off by default: most networks block outbound SMTP)")
    .option("--samples <n>", "samples per performance route (default: the config's, 20)")
    .option("--timeout-ms <n>", "timeout of one query or request (default 5000)")
    .option("--concurrency <n>", "checks running at once (default 16)")
    .option("--allow-private-addresses [cidrs]", "accept private addresses inside these CIDRs (comma-separated) in public names (split-horizon staging); bare: every private address, with a warning")
    .option("--secret-values <file>", "the deployed secret values (NAME=value lines), looked for by fingerprint in the pages, scripts and source maps (client.secrets); never printed")
    .option("--expect-commit <sha>", "the commit the app must report on its version route (verify.version); default: the plan's deployedCommit output")
    .option("--message <file.eml>", "judge a saved received message (SPF, DKIM, DMARC alignment, provider, the receiver's verdict) instead of the live stack; repeatable", (v: string, all: string[] = []) => [...all, v])
    .addHelpText("after", "\nCheck ids and why each matters: verify/catalog.ts. Any failed check is NO-GO.\nExit status: 0 GO, 1 NO-GO, 2 bad flags, config or files.")
    .action((flags: VerifyFlags) => runModule().run(flags));
}
