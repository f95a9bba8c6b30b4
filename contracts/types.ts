/**
 * The contract report: every checked resource, passed or failed, with the exact field that fails.
 * `plan` prints it as a table (formatContracts) and `--json` carries it as the `contracts` section.
 */

export interface ContractFailure {
  /**
   * Where the value sits, in the API's own field names (Cloudflare: snake_case, e.g.
   * `rules[0].action_parameters.from_value.target_url`; AWS: the Pulumi input name, e.g. `period`).
   */
  field: string;
  /** What is wrong and what the API expects, with the value found (never a secret's value). */
  message: string;
}

export interface CheckedResource {
  urn: string;
  type: string;
  /** The logical name, for tables. */
  name: string;
  status: "passed" | "failed";
  failures: ContractFailure[];
}

export interface ContractReport {
  checked: CheckedResource[];
  summary: { passed: number; failed: number };
}
