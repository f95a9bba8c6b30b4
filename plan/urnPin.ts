/**
 * The URN pin of a stack: the list of its URNs, committed as urns/<stack>.json. A URN that
 * disappears is a delete and a create on the next `pulumi up` (for a DNS record, an outage), so a
 * plan must still answer every pinned URN, by the same URN or by an alias. Refresh the pin with
 * `npm run urns -- --stack <stack> --write` after adding or renaming resources on purpose.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "./projectDir";
import type { Plan } from "./types";

/** The pin of a stack: urns/<stack>.json in the project. */
export function urnPinFile(stack: string, projectDir: string = PROJECT_DIR): string {
  return path.join(projectDir, "urns", `${stack}.json`);
}

/** The command that rewrites a stack's pin from its current plan. */
export function refreshUrnsCommand(stack: string): string {
  return `npm run urns -- --stack ${stack} --write`;
}

/** A plan's URNs, sorted: the pin's content. */
export function urnsOf(plan: Plan): string[] {
  return plan.resources.map((r) => r.urn).sort();
}

/** Reads a pin; undefined when none is committed. */
export function readUrnPin(file: string): string[] | undefined {
  if (!fs.existsSync(file)) return undefined;
  const value: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!Array.isArray(value) || !value.every((u) => typeof u === "string")) throw new Error(`${file}: a JSON array of URN strings is expected`);
  return value as string[];
}

export interface UrnPinCheck {
  /** Pinned URNs the plan no longer declares, nor aliases: each a delete on the next deploy. */
  lost: string[];
  /** URNs of the plan the pin does not list yet: new resources, to pin on purpose. */
  unpinned: string[];
}

export function checkUrnPin(plan: Plan, pinned: readonly string[]): UrnPinCheck {
  const current = urnsOf(plan);
  const answered = new Set([...current, ...plan.resources.flatMap((r) => r.options.aliases)]);
  const pin = new Set(pinned);
  return { lost: pinned.filter((urn) => !answered.has(urn)), unpinned: current.filter((urn) => !pin.has(urn)) };
}
