/**
 * How a failed modem send becomes a GatewaySendError the dispatcher can act on (../gateway.ts):
 * +CMS/+CME codes through the error table; timeouts and closed ports by whether the PDU (its
 * Ctrl-Z) was already written: after it the message may have gone out (`maybe-sent`, the
 * dispatcher's crash-recovery policy applies), before it a closed port is a gateway failure
 * (nothing went; another gateway may take it). Pure, so every branch is unit-tested.
 */
import { GatewaySendError } from '../gateway.ts';
import { AtError, AtTimeoutError, CmeError, CmsError, PortClosedError } from './at-errors.ts';
import { describeAtError } from './at-error-table.ts';
import { InvalidPduError, ModemNotReadyError, PduModeUnavailableError, PortClosedAfterSubmitError, SendPartsError } from './modem-errors.ts';
import { UjumbeError } from '../../../../src-shared/errors.ts';
import { TextModeUnicodeError } from './text-mode.ts';

/** What the gateway itself must do after a failure, besides reporting it. */
export type GatewayReaction = 'none' | 'recover' | 'disconnected' | 'stop';

export interface ClassifiedFailure {
  error: GatewaySendError;
  reaction: GatewayReaction;
}

export const SEND_REASONS = {
  timeoutBeforeSend: 'The modem did not answer.',
  timeoutAfterSend: 'The modem stopped answering while sending. The message may have been sent.',
  disconnected: 'The modem was disconnected.',
  disconnectedAfterSend: 'The modem was disconnected while sending. The message may have been sent.',
  refused: 'The modem refused the message.',
  badPdu: 'The modem could not build this message. Please tell your technical support.',
  noPduMode: 'This modem cannot send SMS in the way Ujumbe needs (PDU mode).',
  encode: 'This message cannot be made into an SMS. Please check the phone number.',
  textModeUnicode: 'This modem can send only plain letters and digits, and this message has other characters. Send it without them, or through another modem.',
  internal: 'Something went wrong while sending.',
} as const;

/**
 * Classifies any error thrown by ModemDriver.sendPdus (or the encoder).
 * Never throws.
 */
export function classifySendFailure(err: unknown): ClassifiedFailure {
  const partial = err instanceof SendPartsError ? err.references : [];
  const failure = err instanceof SendPartsError ? err.failure : err;
  const make = (kind: GatewaySendError['kind'], code: string, reason: string, reaction: GatewayReaction): ClassifiedFailure => ({
    error: new GatewaySendError(kind, code, reason, partial),
    reaction,
  });

  if (failure instanceof CmsError || failure instanceof CmeError) {
    const family = failure instanceof CmsError ? 'cms' : 'cme';
    if (failure.errorCode === null) return make('transient', `${family}-text`, SEND_REASONS.refused, 'none');
    const row = describeAtError(family, failure.errorCode);
    return make(row.kind, `${family}-${failure.errorCode}`, row.reason, row.kind === 'gateway' ? 'stop' : 'none');
  }
  if (failure instanceof AtTimeoutError) {
    return failure.maybeSent
      ? make('maybe-sent', 'timeout-after-send', SEND_REASONS.timeoutAfterSend, 'recover')
      : make('transient', 'timeout', SEND_REASONS.timeoutBeforeSend, 'recover');
  }
  // Before the plain closed port: the port went after Ctrl-Z, so the SMS may be on its way.
  if (failure instanceof PortClosedAfterSubmitError) {
    return make('maybe-sent', 'disconnected-after-send', SEND_REASONS.disconnectedAfterSend, 'disconnected');
  }
  if (failure instanceof PortClosedError || failure instanceof ModemNotReadyError) {
    return make('gateway', 'disconnected', SEND_REASONS.disconnected, 'disconnected');
  }
  if (failure instanceof AtError) return make('transient', 'at-error', SEND_REASONS.refused, 'none');
  if (failure instanceof InvalidPduError) return make('permanent', 'invalid-pdu', SEND_REASONS.badPdu, 'none');
  if (failure instanceof PduModeUnavailableError) return make('gateway', 'pdu-mode-unavailable', SEND_REASONS.noPduMode, 'stop');
  // Text mode without AT+CSMP: only plain text goes (text-mode.ts); the text, not the number, is the problem.
  if (failure instanceof TextModeUnicodeError) return make('permanent', failure.code, SEND_REASONS.textModeUnicode, 'none');
  // The SMS encoder's errors (sms.encode-invalid) are about this message's address or text.
  if (failure instanceof UjumbeError && failure.code.startsWith('sms.')) return make('permanent', failure.code, SEND_REASONS.encode, 'none');
  return make('transient', 'internal', SEND_REASONS.internal, 'none');
}
