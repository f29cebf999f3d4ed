/**
 * `ujumbe send` while a headless host runs on the same data folder: the modem is the host's,
 * so the message goes to the host's API (which validates and queues it exactly as the UI would)
 * and this process only follows each recipient until it is final.
 */
import type { RecipientStatus } from '../../src-shared/model.ts';
import type { HeadlessApiClient } from './api-client.ts';

export interface HandOffRequest {
  to: string[];
  text: string;
  statusReport: boolean;
  /** ISO 8601: send then (the recipients are scheduled, and followed no further). */
  sendAt?: string;
  /** How long to follow the recipients before printing what they are. */
  waitSeconds: number;
  /** Between two looks at the message. Default 250 ms. */
  pollMs?: number;
}

export interface HandOffRow {
  to: string;
  status: RecipientStatus;
  references: string[];
  error: string | null;
  flags: string[];
}

const FINAL: readonly RecipientStatus[] = ['sent', 'delivered', 'failed', 'cancelled'];

/**
 * Posts the message and polls it until every recipient is final or the wait runs out.
 * @throws ApiError (the host refused the message: validation, no-gateway ...), or a network
 *   error if the host went away.
 */
export async function handOffSend(client: HeadlessApiClient, request: HandOffRequest): Promise<HandOffRow[]> {
  const receipt = await client.sendMessage({ to: request.to, text: request.text, statusReport: request.statusReport, ...(request.sendAt === undefined ? {} : { sendAt: request.sendAt, automated: false }) });
  // A scheduled send is the host's to send at its time: its state now is the answer.
  if (request.sendAt !== undefined) {
    const now = await client.getMessage(receipt.id);
    return now.recipients.map((r) => ({ to: r.address, status: r.status, references: r.references, error: r.error, flags: r.flags }));
  }
  const deadline = Date.now() + request.waitSeconds * 1000;
  const pollMs = request.pollMs ?? 250;
  let message = await client.getMessage(receipt.id);
  while (!message.recipients.every((r) => FINAL.includes(r.status)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(0, deadline - Date.now()))));
    message = await client.getMessage(receipt.id);
  }
  return message.recipients.map((r) => ({ to: r.address, status: r.status, references: r.references, error: r.error, flags: r.flags }));
}
