/** One HTTP API route (api-routes.ts) and what routes share. */
import type { ApiContext, ApiResponse } from '../api-routes.ts';
import type { CommandName } from '../../../src-shared/contract/commands.ts';

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Matched against the path after API_PREFIX. */
  pattern: RegExp;
  /**
   * The contract command the route calls (the first, where it calls several): the role check
   * runs on it before the body is read (issue 13), so a key without the right gets 403 for any
   * body, and the role tests are generated from this table.
   */
  command: CommandName;
  run(ctx: ApiContext, match: RegExpExecArray): Promise<ApiResponse>;
}

/**
 * Query strings are text; the contract wants numbers for ids and limits. Digits become a
 * number; anything else is passed on as text so the contract's validation names the field.
 */
export function numberish(value: string): number | string {
  return /^\d{1,16}$/.test(value) ? Number(value) : value;
}
