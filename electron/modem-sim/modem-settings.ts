// The modem's volatile settings: what AT commands change and ATZ / a power cycle restore.
import type { ErrorReportMode } from './result-codes.ts';

export interface ModemSettings {
  /** ATE (V.250 §6.2.4): echo the command line back. On by default. */
  echo: boolean;
  /** AT+CMEE (27.007 §9.1). */
  errorMode: ErrorReportMode;
  /** AT+CMGF (27.005 §3.2.3): 0 PDU mode, 1 text mode. PDU is the default. */
  messageFormat: 0 | 1;
  /** AT+CNMI parameters as given (27.005 §3.4.1). */
  newMessageIndications: string;
  /** AT+CPMS <mem1>,<mem2>,<mem3> (27.005 §3.2.2). */
  storages: [string, string, string];
  /** AT+CREG=<n> (27.007 §7.2): 0 no URC, 1 +CREG: <stat>, 2 with <lac>,<ci>. */
  registrationReports: 0 | 1 | 2;
  /** AT+CMMS (27.005 §3.5.6): keep the SMS relay link open between messages. */
  moreMessagesToSend: number;
  /** AT+CSMP parameters as given (27.005 §3.3.2). */
  textModeParameters: string;
  /** AT+CSCS (27.007 §5.5). */
  characterSet: string;
  /** Vendor unsolicited noise switch (Huawei AT^CURC). */
  vendorNoise: boolean;
}

export interface SettingsDefaults {
  /** AT+CMGF at power-on; 1 for a modem without PDU mode. */
  messageFormat?: 0 | 1;
  errorMode?: ErrorReportMode;
  vendorNoise?: boolean;
}

export function defaultSettings(defaults: SettingsDefaults): ModemSettings {
  return {
    echo: true,
    errorMode: defaults.errorMode ?? 0,
    messageFormat: defaults.messageFormat ?? 0,
    newMessageIndications: '0,0,0,0,0',
    storages: ['SM', 'SM', 'SM'],
    registrationReports: 0,
    moreMessagesToSend: 0,
    textModeParameters: '17,167,0,0',
    characterSet: 'GSM',
    vendorNoise: defaults.vendorNoise ?? false,
  };
}
