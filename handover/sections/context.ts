import type { Plan } from "../../plan/types";

export interface HandoverContext {
  plan: Plan;
  /** The zone apex ("example.com"). */
  apex: string;
  production: boolean;
  /** The zone file's name next to the document ("example.com.zone"). */
  zoneFileName: string;
}
