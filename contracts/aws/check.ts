/** Runs the AWS contract table's rows for one resource. A row that throws fails closed. */
import type { ResourceCheck } from "../context";
import type { ContractFailure } from "../types";
import { isUnknownAt, showValue, toPlain } from "../wire";
import { AWS_CONTRACTS, type RowInput } from "./table";

export const checkAwsResource: ResourceCheck = (resource) => {
  const plain = toPlain(resource.inputs);
  const inputs = plain.value as Record<string, unknown>;
  const row: RowInput = {
    inputs,
    present: (field) => inputs[field] !== undefined || isUnknownAt(plain, [field]),
    show: (field) => showValue(plain, [field], inputs[field]),
  };
  const failures: ContractFailure[] = [];
  for (const contract of AWS_CONTRACTS) {
    if (contract.type !== resource.type) continue;
    try {
      const message = contract.check(row);
      if (message) failures.push({ field: contract.field, message: `${message} (${contract.source})` });
    } catch (error) {
      failures.push({ field: contract.field, message: `the check itself failed, so the value cannot be trusted: ${(error as Error).message}` });
    }
  }
  return failures;
};
