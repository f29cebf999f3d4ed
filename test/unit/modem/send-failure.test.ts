import { TextModeUnicodeError } from '../../../electron/backend/gateways/modem/text-mode.ts';
import { describe, expect, it } from 'vitest';
import { classifySendFailure } from '../../../electron/backend/gateways/modem/send-failure.ts';
import { AtError, AtTimeoutError, CmeError, CmsError, PortClosedError } from '../../../electron/backend/gateways/modem/at-errors.ts';
import { InvalidPduError, SendPartsError } from '../../../electron/backend/gateways/modem/modem-errors.ts';
import { SmsEncodeError } from '../../../src-shared/sms/index.ts';

describe('classifySendFailure', () => {
  it('maps +CMS codes through the table, keeping the parts that went out', () => {
    const { error, reaction } = classifySendFailure(new SendPartsError(new CmsError('AT+CMGS=20', 42, '42'), ['12'], 1, 3));
    expect(error).toMatchObject({ kind: 'transient', code: 'cms-42', partialReferences: ['12'] });
    expect(reaction).toBe('none');
  });

  it('stops the gateway for a SIM problem', () => {
    const { error, reaction } = classifySendFailure(new SendPartsError(new CmeError('AT+CMGS=20', 11, '11'), [], 0, 1));
    expect(error).toMatchObject({ kind: 'gateway', code: 'cme-11', reason: 'The SIM card needs its PIN.' });
    expect(reaction).toBe('stop');
  });

  it('fails a message permanently for a bad number', () => {
    expect(classifySendFailure(new CmsError('AT+CMGS=20', 1, '1')).error).toMatchObject({ kind: 'permanent', code: 'cms-1' });
  });

  it('tells a timeout before the PDU (transient) from one after it (maybe sent), and recovers', () => {
    const before = classifySendFailure(new SendPartsError(new AtTimeoutError('AT+CMGS=20', 'prompt', 5000, 'prompt'), [], 0, 1));
    expect(before.error).toMatchObject({ kind: 'transient', code: 'timeout' });
    expect(before.reaction).toBe('recover');
    const after = classifySendFailure(new SendPartsError(new AtTimeoutError('AT+CMGS=20', 'cmgsResult', 60000, 'after-body'), ['3'], 1, 2));
    expect(after.error).toMatchObject({ kind: 'maybe-sent', code: 'timeout-after-send', partialReferences: ['3'] });
    expect(after.reaction).toBe('recover');
  });

  it('treats a closed port as a gateway failure', () => {
    const { error, reaction } = classifySendFailure(new SendPartsError(new PortClosedError(true, 'AT+CMGS=20'), [], 0, 1));
    expect(error).toMatchObject({ kind: 'gateway', code: 'disconnected' });
    expect(reaction).toBe('disconnected');
  });

  it('handles plain ERROR, bad PDUs, encoder errors and the unknown', () => {
    expect(classifySendFailure(new AtError('AT+CMGS=20', 'ERROR', [])).error.kind).toBe('transient');
    expect(classifySendFailure(new InvalidPduError(0, 'not hex')).error.kind).toBe('permanent');
    expect(classifySendFailure(new SmsEncodeError('to', 'not a number')).error).toMatchObject({ kind: 'permanent', code: 'sms.encode-invalid' });
    // A text-mode modem without UCS-2: the text is the problem, not the number.
    expect(classifySendFailure(new TextModeUnicodeError()).error).toMatchObject({ kind: 'permanent', code: 'sms.text-mode-unicode', reason: expect.stringMatching(/plain letters/) });
    expect(classifySendFailure(new Error('boom')).error).toMatchObject({ kind: 'transient', code: 'internal' });
  });
});
