/**
 * Writes the draft as a stack file: `config:` with `launch-ready:` keys, each inferred choice as
 * a comment above its key, the TODOs at the top. YAML is produced by the `yaml` library, so every
 * value (TXT content with quotes, semicolons, `#`) is quoted as YAML needs.
 */
import * as YAML from "yaml";
import { CONFIG_NAMESPACE } from "../components/config";
import type { Draft } from "./draft";

/** A comment line is written after "#": keep it one line and without control characters. */
function commentText(text: string): string {
  return " " + text.replace(/[\r\n\u0000-\u001f]+/g, " ").trim();
}

export function renderDraftYaml(draft: Draft, header: string[], extraTodos: string[] = []): string {
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft.values)) config[`${CONFIG_NAMESPACE}:${key}`] = value;
  const doc = new YAML.Document({ config });
  doc.commentBefore = [...header, ...draft.todos, ...extraTodos].map(commentText).join("\n");
  const configMap = doc.get("config", true) as YAML.YAMLMap;
  for (const { path, text } of draft.comments) {
    const [first, ...rest] = path;
    let parent: unknown = configMap;
    let keyName: unknown = `${CONFIG_NAMESPACE}:${String(first)}`;
    for (const step of rest) {
      const next = YAML.isMap(parent) || YAML.isSeq(parent) ? parent.get(keyName, true) : undefined;
      if (!next) break;
      parent = next;
      keyName = step;
    }
    if (YAML.isMap(parent)) {
      const pair = parent.items.find((p) => (YAML.isScalar(p.key) ? p.key.value : p.key) === keyName);
      if (!pair) continue;
      const key = YAML.isScalar(pair.key) ? pair.key : (pair.key = doc.createNode(pair.key) as YAML.Scalar);
      key.commentBefore = [key.commentBefore, commentText(text)].filter(Boolean).join("\n");
    } else if (YAML.isSeq(parent) && typeof keyName === "number") {
      const item = parent.items[keyName] as YAML.Node | undefined;
      if (item) item.commentBefore = [item.commentBefore, commentText(text)].filter(Boolean).join("\n");
    }
  }
  return doc.toString({ lineWidth: 0 });
}
