/**
 * `protect` turned off: the resource can now be deleted by a `pulumi up` or `destroy`. (A
 * sensitive host losing its Access application, policy or IP allow-list is access.ts.)
 */
import type { RiskRule } from "./context";

export const protectionRisks: RiskRule = ({ matching }) =>
  matching.pairs
    .filter((p) => p.base.options?.protect === true && p.head.options?.protect !== true)
    .map((p) => ({
      kind: "protection-removed" as const,
      subject: p.head.name,
      urn: p.head.urn,
      message: `Protection is removed from ${p.head.type} "${p.head.name}": a later change or destroy can now delete it.`,
    }));
