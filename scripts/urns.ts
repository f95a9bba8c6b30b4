/**
 * `npm run urns -- --stack prod [--config-file FILE] [--write]`: compares a stack's plan with its
 * URN pin (urns/<stack>.json), or with --write refreshes the pin. Exit 0 when the pin holds, 1 when
 * a pinned URN is lost or a new one is unpinned, 2 for a stack that does not render.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Command } from "commander";
import { renderPlan } from "../plan/render";
import { checkUrnPin, readUrnPin, refreshUrnsCommand, urnPinFile, urnsOf } from "../plan/urnPin";

async function main(): Promise<number> {
  const flags = new Command("urns")
    .option("-s, --stack <name>", "stack to render (Pulumi.<name>.yaml)", "prod")
    .option("-c, --config-file <path>", "render this stack file instead")
    .option("--pin <path>", "the pin file (default: urns/<stack>.json)")
    .option("--write", "write the pin from the current plan")
    .parse(process.argv)
    .opts<{ stack: string; configFile?: string; pin?: string; write?: boolean }>();
  let plan;
  try {
    plan = (await renderPlan({ stack: flags.stack, configFile: flags.configFile })).plan;
  } catch (err) {
    process.stderr.write(`urns: ${(err as Error).message}\n`);
    return 2;
  }
  const file = flags.pin ?? urnPinFile(plan.stack);
  const rel = path.relative(process.cwd(), file) || file;
  if (flags.write) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(urnsOf(plan), null, 2) + "\n");
    fs.renameSync(`${file}.tmp`, file);
    process.stdout.write(`wrote ${rel} (${plan.resources.length} URNs)\n`);
    return 0;
  }
  const pinned = readUrnPin(file);
  if (!pinned) {
    process.stdout.write(`${rel}: no pin committed; \`${refreshUrnsCommand(plan.stack)}\` writes one\n`);
    return 0;
  }
  const { lost, unpinned } = checkUrnPin(plan, pinned);
  for (const urn of lost) process.stdout.write(`lost (a delete on the next deploy, unless aliased): ${urn}\n`);
  for (const urn of unpinned) process.stdout.write(`not pinned yet: ${urn}\n`);
  if (lost.length + unpinned.length === 0) {
    process.stdout.write(`${rel} holds: ${pinned.length} URNs\n`);
    return 0;
  }
  process.stdout.write(`after a deliberate change: \`${refreshUrnsCommand(plan.stack)}\`\n`);
  return 1;
}

main().then((code) => process.exit(code));
