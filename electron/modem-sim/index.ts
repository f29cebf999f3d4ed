// The modem simulator: a GSM modem speaking AT on a real pseudo-terminal (see README.md).
export { ModemSimulator } from './modem-simulator.ts';
export type {
  IncomingSmsSpec,
  ModemSimulatorEvents,
  ModemSimulatorOptions,
  RejectedSubmit,
  SubmitRecord,
  TextSubmitRecord,
  UssdReply,
} from './modem-simulator.ts';
export { PROFILES, PROFILE_NAMES } from './profiles.ts';
export type { ModemProfile, ProfileName, VendorNoise } from './profiles.ts';
export { CME, CMS } from './result-codes.ts';
export { SimStorage } from './sim-storage.ts';
export type { StoredMessage } from './sim-storage.ts';
export { buildDeliverPdus, buildStatusReportPdu } from './sms-pdus.ts';
export type { BuiltPdu, DeliverSpec, StatusReportSpec } from './sms-pdus.ts';
