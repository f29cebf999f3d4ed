import { describe, expect, it } from 'vitest';
import { releaseDecision } from '../../../electron/backend/dispatcher/due-release.ts';
import { DEFAULT_SEND_WINDOW } from '../../../src-shared/schedule/send-window.ts';

const NBO = 'Africa/Nairobi';
const at = (s: string) => Date.parse(s);

describe('releasing a scheduled recipient', () => {
  it('goes to the outbox at its time', () => {
    expect(releaseDecision({ sendAt: '2026-12-04T06:00:00.000Z', expiresAt: null, automated: false }, at('2026-12-04T06:00:00Z'), DEFAULT_SEND_WINDOW, NBO)).toEqual({
      to: 'outbox',
      reason: 'Due (scheduled for 2026-12-04 09:00)',
    });
  });

  it('fails once expired, saying so in clinic time', () => {
    const d = releaseDecision({ sendAt: '2026-12-03T06:00:00.000Z', expiresAt: '2026-12-04T07:00:00.000Z', automated: true }, at('2026-12-04T07:00:00Z'), DEFAULT_SEND_WINDOW, NBO);
    expect(d).toMatchObject({ to: 'failed', code: 'expired' });
    expect(d.reason).toMatch(/before 2026-12-04 10:00, and that time has passed/);
  });

  it('holds an automated one outside the send window until it opens; a nurse’s own goes', () => {
    const early = at('2026-12-04T04:00:00Z'); // 07:00 Nairobi
    expect(releaseDecision({ sendAt: null, expiresAt: '2026-12-04T07:00:00.000Z', automated: true }, early, DEFAULT_SEND_WINDOW, NBO)).toEqual({
      to: 'scheduled',
      nextAttemptAt: '2026-12-04T05:00:00.000Z',
      reason: "Outside the clinic's send hours: waits until 2026-12-04 08:00",
    });
    expect(releaseDecision({ sendAt: null, expiresAt: null, automated: false }, early, DEFAULT_SEND_WINDOW, NBO).to).toBe('outbox');
  });

  it('fails an automated one whose window opens only after its expiry', () => {
    const d = releaseDecision({ sendAt: null, expiresAt: '2026-12-04T04:30:00.000Z', automated: true }, at('2026-12-04T04:00:00Z'), DEFAULT_SEND_WINDOW, NBO);
    expect(d).toMatchObject({ to: 'failed', code: 'expired' });
    expect(d.reason).toMatch(/open at 2026-12-04 08:00, after its time \(2026-12-04 07:30\)/);
  });
});
