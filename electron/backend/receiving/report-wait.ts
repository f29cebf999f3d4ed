/**
 * Whether a recipient is "Sent — no delivery report yet" (src-shared/contract/delivery-report-wait.ts):
 * an SMS recipient `sent`, with a report asked for, and none received (a report would have moved
 * it to `delivered` or `failed`) for at least the `deliveryReportWaitMinutes` setting. Computed
 * by the backend when a row is read, with its injected clock, so the renderer and the HTTP API
 * say the same. Pure.
 */
import type { MessageRecipient } from '../../../src-shared/model.ts';

export interface ReportWait {
  /** The message asked for a delivery report (its `statusReport` option). */
  reportRequested: boolean;
  /** The setting, in minutes. */
  waitMinutes: number;
  /** Now, in ms since the epoch (the backend's clock). */
  now: number;
}

export function reportOverdue(recipient: Pick<MessageRecipient, 'protocol' | 'status' | 'updated'>, wait: ReportWait): boolean {
  if (recipient.protocol !== 'sms' || recipient.status !== 'sent' || !wait.reportRequested) return false;
  // `updated` is when the row became `sent`: no status change has happened since.
  const since = Date.parse(recipient.updated);
  return !Number.isNaN(since) && wait.now - since >= wait.waitMinutes * 60_000;
}
