/**
 * Keeping secrets out of everything diff and handover print. Three layers, because plans come
 * from several versions of the program:
 *  1. a serialized secret or the "[secret]" placeholder prints as "[secret]";
 *  2. any value under a property whose name looks secret prints as "[secret]", even in plain
 *     text (a base plan written by an older version may not have marked it);
 *  3. `scrubber(plans)` removes, from the final text, every plain string found in either place of
 *     the plans, wherever some other code path might have copied it.
 */
import { isSecret, SECRET_PLACEHOLDER, UNKNOWN_PLACEHOLDER, type Plan } from "../types";
import { describesSecrets, isSecretLookingKey } from "../../components/secretKeyNames";
import { isUnknown } from "./values";
import { findCredentials } from "../../kernel/credentials";

/**
 * Whether a property name looks like it holds a secret: the project's one judgement of
 * secret-looking names (components/secretKeyNames.ts, shared with the config loader and
 * secrets-scan), so a route named `passwordReset` prints while `passwordResetToken` does not.
 */
export function isSecretName(name: string): boolean {
  return isSecretLookingKey(name);
}

/**
 * Whether any of the property names on the path looks secret. A key right under a name that
 * describes secrets (`secretArns`, `secretNames`) is the name of the secret described, not a
 * property holding it: `outputs.secretNames.stripe-webhook-secret` is a name.
 */
export function pathLooksSecret(names: readonly string[]): boolean {
  return names.some((name, i) => isSecretName(name) && !(i > 0 && describesSecrets(names[i - 1]!)));
}

/** The printable form of a leaf value at a property path. */
export function displayValue(value: unknown, names: readonly string[] = []): string {
  if (value === SECRET_PLACEHOLDER || isSecret(value)) return SECRET_PLACEHOLDER;
  if (isUnknown(value)) return UNKNOWN_PLACEHOLDER;
  if (value !== undefined && pathLooksSecret(names)) return SECRET_PLACEHOLDER;
  // A credential by its looks (kernel/credentials.ts) under any name: a crafted plan must not print it.
  if (typeof value === "string") return findCredentials(value).reduce((text, m) => text.split(m.text).join(SECRET_PLACEHOLDER), value);
  return JSON.stringify(value) ?? "undefined";
}

/** Short plain strings ("on", "true") are too common to scrub blindly from the text. */
const MIN_SCRUB_LENGTH = 6;

/** Every plain secret value a plan holds: behind serialized secrets, or under secret-looking names. */
export function secretValues(plan: Plan): Set<string> {
  const found = new Set<string>();
  // `named`: whether the nearest property name looks secret (array items inherit their array's name;
  // ancestors further up do not, or the `secrets` config section would hide every secret's name).
  // `describing`: the nearest property name describes secrets (`secretNames`), so the keys under it
  // are the names of those secrets, not secret-holding properties.
  const visit = (value: unknown, named: boolean, inSecret: boolean, describing = false): void => {
    if (isSecret(value)) return visit(value.value, named, true, describing);
    if (typeof value === "string" || typeof value === "number") {
      const text = String(value);
      // Credentials by their looks are scrubbed wherever they sit, as the matched text only.
      for (const m of findCredentials(text)) found.add(m.text);
      if ((inSecret || named) && !isUnknown(text) && text !== SECRET_PLACEHOLDER && text.length >= MIN_SCRUB_LENGTH) found.add(text);
      return;
    }
    if (Array.isArray(value)) return value.forEach((v) => visit(v, named, inSecret, describing));
    if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) visit(v, !describing && isSecretName(k), inSecret, describesSecrets(k));
    }
  };
  for (const r of Array.isArray(plan.resources) ? plan.resources : []) visit(r?.inputs, false, false);
  visit(plan.outputs, false, false);
  // The plan's own `config.secretKeys` lists the names of the secure keys ("launch-ready:smtpPassword"),
  // never their values: scrubbing those names would hide which key a handover tells you to rotate.
  const { secretKeys: _names, ...config } = (typeof plan.config === "object" && plan.config !== null ? plan.config : {}) as Record<string, unknown>;
  visit(config, false, false);
  return found;
}

/** A function that replaces every secret value of the given plans in a text by "[secret]". */
export function scrubber(...plans: Plan[]): (text: string) => string {
  const values = [...new Set(plans.flatMap((p) => [...secretValues(p)]))].sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  return (text) => values.reduce((acc, v) => acc.split(v).join(SECRET_PLACEHOLDER), text);
}
