/**
 * Validates a value in the Cloudflare API's shape against a definition of the generated schema,
 * and turns the validator's errors into failures a person can act on: the field in API names, what
 * the API expects, the value found (a secret's value never), and the Pulumi input it came from.
 * Values unknown before deployment are skipped, not guessed.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import type { ContractFailure } from "../types";
import { formatPath, pathKey, isUnder, type Path } from "../paths";
import { isUnknownAt, showValue, toPlain, valueAt, type PlainValue } from "../wire";
import { CLOUDFLARE_SCHEMA, CLOUDFLARE_SCHEMA_ID } from "./schemaIndex";

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

/**
 * A validator for `#/definitions/Name` or any JSON pointer into the schema, compiled once.
 * strict: false because the generated schemas carry `$comment` and boolean enums that Ajv's
 * strict mode would flag as redundant, not wrong. `code.optimize: false` skips Ajv's passes that
 * tidy the generated code: a plan validates each value once, so compiling was most of the cost
 * (prod's contracts 0.52 -> 0.30 s), and the checks are the same.
 */
function validatorFor(ref: string): ValidateFunction {
  let v = validators.get(ref);
  if (!v) {
    ajv ??= (() => {
      const a = new Ajv({ allErrors: true, strict: false, code: { optimize: false } });
      a.addSchema(CLOUDFLARE_SCHEMA, CLOUDFLARE_SCHEMA_ID);
      return a;
    })();
    v = ajv.getSchema(`${CLOUDFLARE_SCHEMA_ID}${ref}`);
    if (!v) throw new Error(`no schema at ${ref}: regenerate the contract schemas (npm run contracts:schemas)`);
    validators.set(ref, v);
  }
  return v;
}

export interface ValidateOptions {
  /** Prepended to every reported field (e.g. ["rules", 0] when validating one rule). */
  prefix?: Path;
  /** API path -> Pulumi input path (apiShape.ts), relative to the validated value. */
  inputPaths?: Map<string, Path>;
  /** Prepended to input paths in messages. */
  inputPrefix?: Path;
}

/** `wire` is in the API's shape but still in wire form (secrets wrapped, unknowns as the sentinel). */
export function validateApiValue(ref: string, wire: unknown, options: ValidateOptions = {}): ContractFailure[] {
  const plain = toPlain(wire);
  const validate = validatorFor(ref);
  if (validate(plain.value)) return [];
  return describeErrors(validate.errors ?? [], plain, options);
}

interface Located {
  error: ErrorObject;
  /** The instance path of the error itself. */
  at: Path;
  /** The field to report (a missing or extra property's own path). */
  field: Path;
}

function describeErrors(errors: ErrorObject[], plain: PlainValue, options: ValidateOptions): ContractFailure[] {
  const located: Located[] = errors.map((error) => {
    const at = pointerToPath(error.instancePath, plain.value);
    const params = error.params as Record<string, unknown>;
    const extra = error.keyword === "required" ? params.missingProperty : error.keyword === "additionalProperties" ? params.additionalProperty : undefined;
    return { error, at, field: typeof extra === "string" ? [...at, extra] : at };
  });
  // A union that matched no member reports once, at its own path: the members' own complaints
  // (one per member tried) would bury the point.
  const unions = located.filter((l) => l.error.keyword === "anyOf" || l.error.keyword === "oneOf");
  const kept = located.filter((l) => !unions.some((u) => u !== l && isUnder(l.at, u.at)));
  const failures: ContractFailure[] = [];
  const seen = new Set<string>();
  for (const l of kept) {
    if (isUnknownAt(plain, l.field)) continue;
    if (unions.includes(l) && plain.unknown.some((u) => isUnder(u, l.at))) continue; // partly unknown: cannot judge
    const message = messageFor(l, plain, located);
    const field = formatPath([...(options.prefix ?? []), ...l.field]);
    const key = `${field}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const input = options.inputPaths?.get(pathKey(l.field));
    const inputText = input ? formatPath([...(options.inputPrefix ?? []), ...input]) : undefined;
    failures.push({ field, message: inputText && inputText !== field ? `${message} (Pulumi input ${inputText})` : message });
  }
  return failures;
}

function messageFor(l: Located, plain: PlainValue, all: Located[]): string {
  const { error, at } = l;
  const params = error.params as Record<string, unknown>;
  const got = (): string => showValue(plain, at, valueAt(plain.value, at));
  switch (error.keyword) {
    case "required":
      return "is required by the API and missing";
    case "additionalProperties":
      return "is not a field the API accepts here";
    case "enum":
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}; got ${got()}`;
    case "const":
      return `must be ${JSON.stringify(params.allowedValue)}; got ${got()}`;
    case "type":
      return `must be of type ${String(params.type)}; got ${got()}`;
    case "anyOf":
    case "oneOf": {
      const inner = all.filter((o) => o !== l && pathKey(o.at) === pathKey(at) && (o.error.keyword === "type" || o.error.keyword === "const" || o.error.keyword === "enum"));
      const shapes = [...new Set(inner.map((o) => shapeOf(o.error)))].filter((s) => s !== "");
      return `matches none of the shapes the API accepts${shapes.length > 0 ? ` (${shapes.join(" | ")})` : ""}; got ${got()}`;
    }
    default:
      return `${error.message ?? error.keyword}; got ${got()}`;
  }
}

function shapeOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "type") return String(params.type);
  if (error.keyword === "const") return JSON.stringify(params.allowedValue);
  if (error.keyword === "enum") return (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(" | ");
  return "";
}

/** "/rules/0/action" -> ["rules", 0, "action"] (array positions as numbers). */
function pointerToPath(pointer: string, root: unknown): Path {
  if (pointer === "") return [];
  const out: (string | number)[] = [];
  let cur: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const index = Array.isArray(cur) && /^\d+$/.test(seg) ? Number(seg) : seg;
    out.push(index);
    cur = cur !== null && typeof cur === "object" ? (cur as Record<string | number, unknown>)[index] : undefined;
  }
  return out;
}
