// Checks a PDU typed after AT+CMGS=<length> the way a modem does before it sends anything.
// 27.005 §3.5.1: <length> is the TPDU length in octets, the SMSC field not counted; a PDU that
// does not match it, or that the ME cannot parse, gets +CMS ERROR: 304 (invalid PDU mode
// parameter, 27.005 §3.2.5).
import { decodePdu } from '../../src-shared/sms/index.ts';
import type { SubmitPdu } from '../../src-shared/sms/index.ts';

export type PduVerdict =
  | { readonly accepted: true; readonly hex: string; readonly tpduLength: number; readonly decoded: SubmitPdu }
  | { readonly accepted: false; readonly hex: string; readonly reason: string };

export function inspectSubmitPdu(body: string, declaredLength: number): PduVerdict {
  // Modems skip line breaks typed between the prompt and the PDU.
  const hex = body.replace(/\s+/g, '').toUpperCase();
  if (!/^(?:[0-9A-F]{2})+$/.test(hex)) {
    return { accepted: false, hex, reason: 'not a whole number of hex octets' };
  }
  // The SMSC field is its length octet plus that many octets (24.011 §8.2.5.1); 00 = none.
  const smscFieldOctets = 1 + Number.parseInt(hex.slice(0, 2), 16);
  const tpduLength = hex.length / 2 - smscFieldOctets;
  if (tpduLength !== declaredLength) {
    return { accepted: false, hex, reason: `AT+CMGS=${declaredLength} but the TPDU has ${tpduLength} octets` };
  }
  let decoded;
  try {
    decoded = decodePdu(hex, { hasSmsc: true });
  } catch (error) {
    return { accepted: false, hex, reason: `undecodable: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (decoded.type !== 'submit') {
    return { accepted: false, hex, reason: `an SMS-${decoded.type.toUpperCase()}, not an SMS-SUBMIT` };
  }
  return { accepted: true, hex, tpduLength, decoded };
}
