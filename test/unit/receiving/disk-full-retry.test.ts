// What receiving holds back for a full disk (electron/backend/receiving/disk-full-retry.ts): direct
// status reports in memory, bounded, applied in order once writes succeed; SIMs read again; one
// short named timer while anything waits. Fake timers.
import { describe, expect, it } from 'vitest';
import type { StatusReportPdu } from '../../../src-shared/sms/index.ts';
import { silentLogger } from '../../../electron/backend/logger.ts';
import { DiskFullRetry, type HeldReport, MAX_HELD_REPORTS, RECEIVING_WRITE_RETRY_MS } from '../../../electron/backend/receiving/disk-full-retry.ts';
import { DiskFullError } from '../../../electron/backend/store/disk-full.ts';
import { FakeClock } from '../../support/fake-clock.ts';

const report = (reference: number) => ({ reference }) as unknown as StatusReportPdu;

function setUp() {
  const clock = new FakeClock();
  const state = { full: true };
  const applied: number[] = [];
  const rereads: string[] = [];
  const retry = new DiskFullRetry({
    timers: clock,
    logger: silentLogger,
    apply: (held: HeldReport) => {
      if (state.full) throw new DiskFullError('/data');
      applied.push(held.report.reference);
    },
    reread: (gatewayId) => rereads.push(gatewayId),
  });
  return { clock, state, applied, rereads, retry };
}

describe('DiskFullRetry', () => {
  it('applies held reports in order on its timer once writes succeed, then has the SIMs read again', () => {
    const { clock, state, applied, rereads, retry } = setUp();
    retry.hold({ gatewayId: 'modem:a', report: report(1), raw: undefined });
    retry.hold({ gatewayId: 'modem:a', report: report(2), raw: undefined });
    retry.rereadLater('modem:b');
    expect(clock.pendingDelays()).toEqual([RECEIVING_WRITE_RETRY_MS]);

    clock.advance(RECEIVING_WRITE_RETRY_MS);
    expect(applied).toEqual([]);
    expect(rereads).toEqual([]);
    expect(retry.heldReports).toBe(2);
    expect(clock.pendingDelays()).toEqual([RECEIVING_WRITE_RETRY_MS]);

    state.full = false;
    clock.advance(RECEIVING_WRITE_RETRY_MS);
    expect(applied).toEqual([1, 2]);
    expect(rereads).toEqual(['modem:b']);
    expect(retry.heldReports).toBe(0);
    expect(clock.pendingDelays()).toEqual([]);
  });

  it('retries at once when asked (storage recovered), and keeps at most MAX_HELD_REPORTS, dropping the oldest', () => {
    const { clock, state, applied, retry } = setUp();
    for (let i = 0; i < MAX_HELD_REPORTS + 2; i++) retry.hold({ gatewayId: 'modem:a', report: report(i), raw: undefined });
    expect(retry.heldReports).toBe(MAX_HELD_REPORTS);
    state.full = false;
    retry.retry();
    expect(applied[0]).toBe(2);
    expect(applied).toHaveLength(MAX_HELD_REPORTS);
    expect(clock.pendingDelays()).toEqual([]);
  });

  it('applies each report once when the first success announces recovery from inside the loop', () => {
    const clock = new FakeClock();
    const applied: number[] = [];
    const retry: DiskFullRetry = new DiskFullRetry({
      timers: clock,
      logger: silentLogger,
      apply: (held) => {
        applied.push(held.report.reference);
        // As createBackend wires it: the first commit's `recovered` asks for a retry.
        if (applied.length === 1) retry.retry();
      },
      reread: () => undefined,
    });
    for (const reference of [1, 2, 3]) retry.hold({ gatewayId: 'modem:a', report: report(reference), raw: undefined });
    retry.retry();
    expect(applied).toEqual([1, 2, 3]);
    expect(retry.heldReports).toBe(0);
  });

  it('arms nothing after stop', () => {
    const { clock, retry } = setUp();
    retry.stop();
    retry.rereadLater('modem:a');
    expect(clock.pendingDelays()).toEqual([]);
  });
});
