/**
 * Errors a user can act on (bad config, bad flags, unreadable files). The CLI prints their message
 * alone, without a stack trace, and exits with `exitCode`; anything else is a bug and keeps its trace.
 */
export class UserError extends Error {
  constructor(message: string, readonly exitCode: number = 2) {
    super(message);
    this.name = "UserError";
  }
}

export const EXIT_OK = 0;
/** Policy violations (plan), NO-GO (verify), findings (secret scan). */
export const EXIT_FINDINGS = 1;
/** Usage or config error. */
export const EXIT_USAGE = 2;
