/**
 * Errors of the Rules-language library. Each names what was wrong and what was expected, so a
 * policy or CLI can show the message as is.
 */

/**
 * Text that is not in the supported subset of the Rules language, or is ill-typed.
 * `position` is the 0-based character offset in the expression text; `construct` is the
 * offending piece of text (or a short description when there is none, e.g. "end of expression").
 */
export class RulesSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly construct: string,
    readonly expected: string,
    readonly reason: string = "unsupported construct",
  ) {
    super(`${reason} ${JSON.stringify(construct)} at ${position}: expected ${expected}`);
    this.name = "RulesSyntaxError";
  }
}

/** A builder tree that is ill-typed (no text exists yet, so there is no position). */
export class RulesBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RulesBuildError";
  }
}

/** An expression that parsed but cannot be evaluated here (e.g. a regex feature JS lacks). */
export class RulesEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RulesEvaluationError";
  }
}

/** A request line or redirect action that cannot be understood. */
export class RulesInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RulesInputError";
  }
}

/**
 * Shows where a syntax error is: the expression on one line and a caret under the offending
 * character. Long expressions are cut to a window around the position.
 */
export function describeSyntaxError(text: string, error: RulesSyntaxError, width = 80): string {
  const half = Math.floor(width / 2);
  const start = Math.max(0, Math.min(error.position - half, text.length - width));
  const end = Math.min(text.length, start + width);
  const prefix = start > 0 ? "…" : "";
  const suffix = end < text.length ? "…" : "";
  const line = prefix + text.slice(start, end).replace(/\s/g, " ") + suffix;
  const caret = " ".repeat(prefix.length + error.position - start) + "^";
  return `${error.message}\n  ${line}\n  ${caret}`;
}
