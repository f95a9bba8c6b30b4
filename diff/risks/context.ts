/** What every risk rule is given, and the shape of a rule: a pure function of two plans. */
import type { Plan } from "../../plan/types";
import type { Matching } from "../match";
import type { Risk } from "../types";

export interface RiskContext {
  base: Plan;
  head: Plan;
  matching: Matching;
  /** Things a rule could not judge (an unparseable expression...): reported for review by hand. */
  note(message: string): void;
}

export type RiskRule = (ctx: RiskContext) => Risk[];
