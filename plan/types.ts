/**
 * The plan contract, re-exported for the modules that have always imported it from here: the
 * schema and its inferred types live in plan/model/schema.ts, the wire markers in plan/model/wire.ts.
 */
export type { Plan, PlanConfig, PlannedResource, PlannedResourceOptions, PolicyViolation } from "./model/schema";
export { isSecret, reveal, SECRET_PLACEHOLDER, SECRET_SIG, SECRET_SIG_KEY, UNKNOWN_PLACEHOLDER, UNKNOWN_VALUE, type SerializedSecret } from "./model/wire";
