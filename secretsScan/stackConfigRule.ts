/**
 * Our own rule for Pulumi stack files (Pulumi.<stack>.yaml): a config key whose name looks like it
 * holds a credential must hold a Pulumi secret (`key: {secure: v1:...}`, written by
 * `pulumi config set --secret`), never a plaintext value. secretlint's patterns only recognise
 * credentials of known shapes; a random-looking webhook secret or database password has none, so
 * here we judge by the key's name instead.
 */
import path from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from "yaml";
import { maskSecret } from "./mask";
import type { Finding } from "./types";
import { holdsSecretMaterial, isSecretLookingKey } from "../components/secretKeyNames";

export { isSecretLookingKey, METADATA_SUFFIXES, SECRET_KEY_WORDS } from "../components/secretKeyNames";

export const STACK_CONFIG_RULE_ID = "launch-ready/stack-config-plaintext-secret";

/** "Pulumi.prod.yaml", "infra/Pulumi.staging.yml"; not the project file Pulumi.yaml. */
export function isStackConfigFile(filePath: string): boolean {
  return /^Pulumi\.[^/\\]+\.ya?ml$/.test(path.basename(filePath));
}

/** The key without its namespace: "launch-ready:apiToken" -> "apiToken", "cloudflare:apiToken" -> "apiToken". */
function bareKey(fullKey: string): string {
  const i = fullKey.lastIndexOf(":");
  return i < 0 ? fullKey : fullKey.slice(i + 1);
}

interface Context {
  file: string;
  lines: LineCounter;
  findings: Finding[];
}

/**
 * Every plaintext value under a secret-looking key of `config:`, with the line of its key.
 * An unparsable stack file is itself a finding: a rule that cannot read the file must not pass it.
 */
export function checkStackConfig(file: string, content: string): Finding[] {
  const lines = new LineCounter();
  const doc = parseDocument(content, { lineCounter: lines, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    return [{
      origin: "worktree", file, line: err.linePos?.[0]?.line ?? 1, ruleId: STACK_CONFIG_RULE_ID, preview: "…",
      message: `stack file is not valid YAML (${err.code}), so its config cannot be checked for plaintext secrets`,
    }];
  }
  const root = doc.contents;
  if (!isMap(root)) return [];
  const config = root.items.find((p) => isScalar(p.key) && p.key.value === "config");
  if (!config || !isMap(config.value)) return [];
  const ctx: Context = { file, lines, findings: [] };
  for (const pair of config.value.items) {
    const fullKey = isScalar(pair.key) ? String(pair.key.value) : "";
    checkValue(ctx, pair, fullKey, bareKey(fullKey), fullKey);
  }
  return ctx.findings;
}

function checkValue(ctx: Context, pair: Pair, fullKey: string, keyName: string, keyPath: string): void {
  const value = pair.value as Node | null;
  const secretLooking = isSecretLookingKey(keyName);
  if (isMap(value)) {
    if (value.items.some((p) => isScalar(p.key) && p.key.value === "secure")) return; // a Pulumi secret
    for (const child of value.items) {
      const childKey = isScalar(child.key) ? String(child.key.value) : "";
      checkValue(ctx, child, fullKey, childKey, `${keyPath}.${childKey}`);
    }
    return;
  }
  if (isSeq(value)) {
    value.items.forEach((item, i) => {
      // A list item is judged by its list's name: `apiTokens: [a, b]` holds tokens.
      const itemPair = { key: pair.key, value: item } as Pair;
      checkValue(ctx, itemPair, fullKey, keyName, `${keyPath}[${i}]`);
    });
    return;
  }
  if (!secretLooking || !isScalar(value) || !holdsSecretMaterial(value.value)) return;
  const at = (value.range ?? (pair.key as Node | null)?.range ?? [0])[0];
  const nested = keyPath !== fullKey;
  ctx.findings.push({
    origin: "worktree",
    file: ctx.file,
    line: ctx.lines.linePos(at).line,
    ruleId: STACK_CONFIG_RULE_ID,
    preview: maskSecret(String(value.value)),
    message:
      `config key "${keyPath}" looks secret but holds a plaintext value; store it encrypted with ` +
      `\`pulumi config set${nested ? " --path" : ""} --secret '${keyPath}' <value>\` (it must read {secure: ...})`,
  });
}
