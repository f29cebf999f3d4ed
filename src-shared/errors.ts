/**
 * Errors that cross boundaries travel as data with a code (docs/ARCHITECTURE.md "Habits": errors as data): a thrown
 * UjumbeError becomes `{ code, message, details }` and can be rebuilt on the other side.
 */

export interface ErrorData {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export class UjumbeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  toData(): ErrorData {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** The rule a piece of input broke, and where. Serialisable as is. */
export interface ValidationIssue {
  /** Which recipient (as typed by the user) or field the problem is in, e.g. "0712 34" or "content". */
  where: string;
  /** A stable rule name, e.g. "phone.invalid", "content.empty", "content.too-many-parts". */
  rule: string;
  /** Plain words for a nurse. */
  message: string;
}

/** Bad input from a user or an API caller. Nothing has been saved when this is thrown. */
export class ValidationError extends UjumbeError {
  constructor(readonly issues: ValidationIssue[]) {
    super('validation', issues.map((i) => `${i.where}: ${i.message}`).join('; '), { issues });
  }
}

/** What a call names (a message, contact, conversation, group or gateway) does not exist (any more). */
export class NotFoundError extends UjumbeError {
  constructor(
    readonly what: string,
    readonly id: number | string,
    message = `There is no ${what} ${String(id)}. It may have been deleted.`,
  ) {
    super('not-found', message, { what, id });
  }
}

export function toErrorData(err: unknown): ErrorData {
  if (err instanceof UjumbeError) return err.toData();
  if (err instanceof Error) return { code: 'internal', message: err.message };
  return { code: 'internal', message: String(err) };
}

/** What a call asks for clashes with what is already there (a port another gateway uses). */
export class ConflictError extends UjumbeError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('conflict', message, details);
  }
}
