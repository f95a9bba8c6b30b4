/**
 * The contract report: every checked resource, passed or failed, with the exact field that fails.
 * `plan` prints it as a table (formatContracts) and `--json` carries it as the `contracts` section.
 */

// The report's shape is the plan model's (plan/model/schema.ts), since `--json` carries it.
import type { CheckedResource, ContractFailure, ContractReport } from "../plan/model/schema";
export type { CheckedResource, ContractFailure, ContractReport };
