/**
 * TP-Status of an SMS-STATUS-REPORT (3GPP TS 23.040 §9.2.3.15): what happened to a message we
 * sent. The value ranges group into three outcomes the dispatcher acts on.
 */

/** delivered: the transaction completed; pending: the SC is still trying; failed: it gave up. */
export type DeliveryOutcome = 'delivered' | 'pending' | 'failed';

export interface StatusClassification {
  /** Plain words, as the spec names the value. */
  meaning: string;
  outcome: DeliveryOutcome;
  /** True when no further report will follow for this message (every outcome but pending). */
  final: boolean;
}

interface StatusRange {
  from: number;
  to: number;
  outcome: DeliveryOutcome;
  meaning: string;
}

// Each row is a value or range of §9.2.3.15, in the spec's order and words.
const STATUS_TABLE: readonly StatusRange[] = [
  // Short message transaction completed
  { from: 0x00, to: 0x00, outcome: 'delivered', meaning: 'Short message received by the SME' },
  { from: 0x01, to: 0x01, outcome: 'delivered', meaning: 'Short message forwarded by the SC to the SME but the SC is unable to confirm delivery' },
  { from: 0x02, to: 0x02, outcome: 'delivered', meaning: 'Short message replaced by the SC' },
  { from: 0x03, to: 0x0f, outcome: 'delivered', meaning: 'Transaction completed (reserved value)' },
  { from: 0x10, to: 0x1f, outcome: 'delivered', meaning: 'Transaction completed (value specific to the SC)' },
  // Temporary error, SC still trying to transfer SM
  { from: 0x20, to: 0x20, outcome: 'pending', meaning: 'Congestion; the SC is still trying' },
  { from: 0x21, to: 0x21, outcome: 'pending', meaning: 'SME busy; the SC is still trying' },
  { from: 0x22, to: 0x22, outcome: 'pending', meaning: 'No response from SME; the SC is still trying' },
  { from: 0x23, to: 0x23, outcome: 'pending', meaning: 'Service rejected; the SC is still trying' },
  { from: 0x24, to: 0x24, outcome: 'pending', meaning: 'Quality of service not available; the SC is still trying' },
  { from: 0x25, to: 0x25, outcome: 'pending', meaning: 'Error in SME; the SC is still trying' },
  { from: 0x26, to: 0x2f, outcome: 'pending', meaning: 'Temporary error (reserved value); the SC is still trying' },
  { from: 0x30, to: 0x3f, outcome: 'pending', meaning: 'Temporary error (value specific to the SC); the SC is still trying' },
  // Permanent error, SC is not making any more transfer attempts
  { from: 0x40, to: 0x40, outcome: 'failed', meaning: 'Remote procedure error' },
  { from: 0x41, to: 0x41, outcome: 'failed', meaning: 'Incompatible destination' },
  { from: 0x42, to: 0x42, outcome: 'failed', meaning: 'Connection rejected by SME' },
  { from: 0x43, to: 0x43, outcome: 'failed', meaning: 'Not obtainable' },
  { from: 0x44, to: 0x44, outcome: 'failed', meaning: 'Quality of service not available' },
  { from: 0x45, to: 0x45, outcome: 'failed', meaning: 'No interworking available' },
  { from: 0x46, to: 0x46, outcome: 'failed', meaning: 'SM validity period expired' },
  { from: 0x47, to: 0x47, outcome: 'failed', meaning: 'SM deleted by originating SME' },
  { from: 0x48, to: 0x48, outcome: 'failed', meaning: 'SM deleted by SC administration' },
  { from: 0x49, to: 0x49, outcome: 'failed', meaning: 'SM does not exist' },
  { from: 0x4a, to: 0x4f, outcome: 'failed', meaning: 'Permanent error (reserved value)' },
  { from: 0x50, to: 0x5f, outcome: 'failed', meaning: 'Permanent error (value specific to the SC)' },
  // Temporary error, SC is not making any more transfer attempts
  { from: 0x60, to: 0x60, outcome: 'failed', meaning: 'Congestion; the SC has stopped trying' },
  { from: 0x61, to: 0x61, outcome: 'failed', meaning: 'SME busy; the SC has stopped trying' },
  { from: 0x62, to: 0x62, outcome: 'failed', meaning: 'No response from SME; the SC has stopped trying' },
  { from: 0x63, to: 0x63, outcome: 'failed', meaning: 'Service rejected; the SC has stopped trying' },
  { from: 0x64, to: 0x64, outcome: 'failed', meaning: 'Quality of service not available; the SC has stopped trying' },
  { from: 0x65, to: 0x65, outcome: 'failed', meaning: 'Error in SME; the SC has stopped trying' },
  { from: 0x66, to: 0x6f, outcome: 'failed', meaning: 'Temporary error (reserved value); the SC has stopped trying' },
  { from: 0x70, to: 0x7f, outcome: 'failed', meaning: 'Temporary error (value specific to the SC); the SC has stopped trying' },
  // 0x80-0xFF: reserved. We read them as a final failure so a message never waits forever on them.
  { from: 0x80, to: 0xff, outcome: 'failed', meaning: 'Reserved status value' },
];

/** The meaning and outcome of a TP-Status value (0-255; anything else counts as reserved). */
export function classifyStatus(status: number): StatusClassification {
  const row = STATUS_TABLE.find((r) => status >= r.from && status <= r.to) ?? STATUS_TABLE[STATUS_TABLE.length - 1]!;
  return { meaning: row.meaning, outcome: row.outcome, final: row.outcome !== 'pending' };
}
