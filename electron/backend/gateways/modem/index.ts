/**
 * The modem path: bytes -> lines (line-splitter) -> AT channel (at-channel) -> modem driver
 * (modem-driver) -> Gateway (modem-gateway). The composition root needs only the gateway; the
 * CLI's diagnostics use the driver.
 */
export { ModemGateway, MODEM_PROBLEMS, type BalanceAnswer, type MissedCall, type ModemGatewayOptions } from './modem-gateway.ts';
export {
  ModemDriver,
  openSerialPort,
  type InitOptions,
  type InitReport,
  type ModemDriverOptions,
  type ModemIdentity,
  type OpenPort,
  type PduPart,
} from './modem-driver.ts';
export { AtChannel, type AtPort, type AtChannelOptions, type PromptSendOptions, type SendOptions } from './at-channel.ts';
export { LineSplitter, PROMPT_LINE } from './line-splitter.ts';
export { AtError, AtTimeoutError, CmeError, CmsError, PortClosedError, type AtTimeoutPhase } from './at-errors.ts';
export { AT_ERROR_TABLE, describeAtError, atErrorCodeFromText, type AtErrorDescription, type AtErrorKind } from './at-error-table.ts';
export {
  InvalidPduError,
  ModemNotReadyError,
  PduModeUnavailableError,
  PortOpenError,
  SendPartsError,
  SimError,
  SimNotInsertedError,
  SimPinRejectedError,
  SimPinRequiredError,
  SimPukRequiredError,
  SimUnusableError,
} from './modem-errors.ts';
export { classifySendFailure } from './send-failure.ts';
export { encodeSmsItem, type EncodeItem } from './encode-item.ts';
export { PROFILES, PROFILE_IDS, detectProfile, type ModemProfile, type ProfileId } from './profiles.ts';
export { UNSOLICITED_CODES, matchUnsolicited, type UnsolicitedEvent, type UnsolicitedTopic } from './unsolicited.ts';
export { DEFAULT_AT_TIMEOUTS, resolveTimeouts, type AtTimeoutName, type AtTimeouts } from './timeouts.ts';
export * from './signal.ts';
export { PortWatcher, diffPorts, listSerialPorts, type AppearedModem, type PortLister, type PortProber, type WatchedModem } from './port-watcher.ts';
export { probeModem, type ModemProbeResult } from './modem-probe.ts';
