// The modem simulator: a GSM modem speaking AT on a real pseudo-terminal (see README.md).
export { ModemSimulator } from './modem-simulator.ts';
export type {
  ModemSimulatorEvents,
  ModemSimulatorOptions,
  RejectedSubmit,
  SubmitRecord,
  TextSubmitRecord,
} from './modem-simulator.ts';
export { PROFILES, PROFILE_NAMES } from './profiles.ts';
export type { ModemProfile, ProfileName, VendorNoise } from './profiles.ts';
export { CME, CMS } from './result-codes.ts';
