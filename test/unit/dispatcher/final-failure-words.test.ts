// Issue 10 item 12: a recipient that used up its retries read "Failed: … The message will be
// tried again." What happens next belongs to the status (dispatcher/send-outcome.ts), so no
// gateway reason for a retryable failure may promise it; the final words say it is final and
// what to do.
import { describe, expect, it } from 'vitest';
import { AT_ERROR_TABLE } from '../../../electron/backend/gateways/modem/at-error-table.ts';
import { SMTP_FAILURE_TABLE } from '../../../electron/backend/gateways/email/email-failures.ts';
import { SEND_REASONS } from '../../../electron/backend/gateways/modem/send-failure.ts';
import { gaveUpReason } from '../../../electron/backend/dispatcher/send-outcome.ts';

const PROMISE = /tried again|will try|will be sent|waits? in the Outbox/i;

describe('a failure reason says what happened, not what happens next', () => {
  it.each(AT_ERROR_TABLE.filter((r) => r.kind === 'transient').map((r) => [r.family, r.code, r.reason] as const))('%s %s', (_f, _c, reason) => {
    expect(reason).not.toMatch(PROMISE);
  });

  it.each(SMTP_FAILURE_TABLE.filter((r) => r.kind === 'transient').map((r) => [String(r.code), r.reason] as const))('e-mail %s', (_c, reason) => {
    expect(reason).not.toMatch(PROMISE);
  });

  it.each(Object.entries(SEND_REASONS))('modem %s', (_name, reason) => {
    expect(reason).not.toMatch(PROMISE);
  });
});

describe('gaveUpReason', () => {
  it('says it is final and what to do, per protocol', () => {
    expect(gaveUpReason('No network signal.', 5, 'sms')).toBe('No network signal. Tried 5 times; Ujumbe will not try again. Check the number and the modem, then send it again.');
    expect(gaveUpReason('The mail server did not answer in time.', 3, 'email')).toMatch(/will not try again\. Check the e-mail address and the mail server/);
  });
});
