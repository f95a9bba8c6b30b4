/**
 * Pulumi's Cloudflare provider (v6, generated from the same OpenAPI schemas as the SDK) names
 * every input after the API field in camelCase (`actionParameters.fromValue.targetUrl` for
 * `action_parameters.from_value.target_url`), and pluralises list fields whose API name is
 * singular (`includes` for `include`, `mechanisms.emails` for `mechanisms.email`). This turns
 * planned inputs back into the API's names, guided by the schema, so keys of free-form maps (a
 * header name like `Content-Security-Policy`) are left as they are and a key the API does not know
 * is kept as written, for the validator to report.
 *
 * Works on wire values: a secret stays a secret (its inside is converted), unknown values pass.
 */
import { isSecret, SECRET_SIG, SECRET_SIG_KEY } from "../../plan/types";
import { pathKey, type Path } from "../paths";
import { type JsonSchema, SchemaIndex } from "./schemaIndex";

export interface ApiShape {
  value: unknown;
  /** API path (pathKey) -> the Pulumi input path it came from, for every value in the input. */
  inputPaths: Map<string, Path>;
}

export function snakeCase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z])([A-Z][a-z])/g, "$1_$2").toLowerCase();
}

export function toApiShape(value: unknown, schema: JsonSchema, index: SchemaIndex): ApiShape {
  const inputPaths = new Map<string, Path>();
  const walk = (v: unknown, s: JsonSchema | undefined, apiPath: Path, inputPath: Path): unknown => {
    if (isSecret(v)) return { [SECRET_SIG_KEY]: SECRET_SIG, value: walk(v.value, s, apiPath, inputPath) };
    if (Array.isArray(v)) {
      const items = s ? index.itemsOf(s) : undefined;
      return v.map((el, i) => {
        inputPaths.set(pathKey([...apiPath, i]), [...inputPath, i]);
        return walk(el, items, [...apiPath, i], [...inputPath, i]);
      });
    }
    if (typeof v !== "object" || v === null) return v;
    const shape = s ? index.objectShape(s) : undefined;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(v)) {
      const apiKey = shape ? apiKeyFor(key, shape.properties, Array.isArray(isSecret(child) ? child.value : child)) : key;
      const childSchema = shape ? (shape.properties.get(apiKey) ?? shape.additional) : undefined;
      const childApiPath = [...apiPath, apiKey];
      const childInputPath = [...inputPath, key];
      inputPaths.set(pathKey(childApiPath), childInputPath);
      out[apiKey] = walk(child, childSchema, childApiPath, childInputPath);
    }
    return out;
  };
  return { value: walk(value, schema, [], []), inputPaths };
}

/**
 * The API name for a Pulumi input key: itself, its snake_case form, or (for a list only, as the
 * provider pluralises list fields) that form made singular.
 */
function apiKeyFor(key: string, properties: ReadonlyMap<string, JsonSchema>, isList: boolean): string {
  if (properties.has(key)) return key;
  const snake = snakeCase(key);
  if (properties.has(snake)) return snake;
  if (isList && snake.endsWith("s") && properties.has(snake.slice(0, -1))) return snake.slice(0, -1);
  return key;
}
