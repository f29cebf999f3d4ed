/**
 * SMS encoding for Ujumbe: the GSM 7-bit alphabet (3GPP TS 23.038), UCS-2, measuring and
 * splitting texts into parts, and the PDU codec (3GPP TS 23.040) the modem gateway speaks.
 * Pure TypeScript: no Node API, runs in the renderer too.
 */
export * from './pdu/index.ts';
export { measureSms, findForcingCharacters, type SmsMeasure } from './measure.ts';
export { splitIntoParts, chooseEncoding, type SmsParts, type EncodingChoice } from './segment.ts';
export {
  GSM7_ESCAPE,
  GSM7_EXTENSION_CHARACTERS,
  countSeptets,
  gsm7SeptetCost,
  isGsm7Text,
  septetsToText,
  textToSeptets,
} from './gsm7.ts';
export { packSeptets, unpackSeptets, fillBitsAfterHeader } from './septets.ts';
export { textToUcs2, ucs2ToText } from './ucs2.ts';
export {
  GSM7_CONCAT_PART_SEPTETS,
  GSM7_SINGLE_PART_SEPTETS,
  MAX_CONCAT_PARTS,
  UCS2_CONCAT_PART_UNITS,
  UCS2_SINGLE_PART_UNITS,
  type TextEncoding,
} from './limits.ts';
export {
  cbsAlphabet,
  decodePackedGsm7,
  decodeUssdString,
  guessUssdForm,
  parseCusd,
  type UssdAlphabet,
  type UssdAnswer,
  type UssdForm,
} from './ussd.ts';
