/** The settings that govern how addresses and content are validated. */
export interface ProtocolSettings {
  /** ISO 3166-1 alpha-2 code used for numbers typed without a country code, e.g. 'KE'. */
  defaultCountry: string;
  /** The most SMS parts one message may take (each part is charged as one SMS). */
  maxSmsParts: number;
}

export const DEFAULT_PROTOCOL_SETTINGS: ProtocolSettings = { defaultCountry: 'KE', maxSmsParts: 10 };

/** Hard ceiling for maxSmsParts: an 8-bit concatenation reference allows 255 parts (TS 23.040 §9.2.3.24.1). */
export const MAX_SMS_PARTS_CEILING = 255;
