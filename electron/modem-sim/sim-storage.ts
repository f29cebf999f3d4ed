// The SIM's message storage ("SM", 27.005 §3.2.2): numbered slots holding PDUs, kept across power
// cycles like a real SIM. Received SMS and stored status reports land here; AT+CMGR, AT+CMGL and
// AT+CMGD read and empty it. When it is full the network keeps what it could not deliver and
// tries again once a slot is free (23.040 §10: "memory capacity exceeded", then SC retries).

export interface StoredMessage {
  /** <stat> (27.005 §3.1): 0 received unread, 1 received read, 2 stored unsent, 3 stored sent. */
  stat: number;
  /** Hex as the modem prints it (SMSC field first, or not: see `tpduLength`). */
  pdu: string;
  /** <length>: TPDU octets. */
  tpduLength: number;
  kind: 'sms' | 'status-report';
}

export class SimStorage {
  readonly capacity: number;
  readonly #slots = new Map<number, StoredMessage>();
  /** Every AT+CMGD, in order: the index and what was in it. */
  readonly deletions: { index: number; message: StoredMessage | undefined }[] = [];

  constructor(capacity = 30) {
    this.capacity = capacity;
  }

  get used(): number {
    return this.#slots.size;
  }

  get full(): boolean {
    return this.#slots.size >= this.capacity;
  }

  /** Slots are numbered from 1 (27.005 leaves the range to the ME; most SIMs start at 1). */
  store(message: StoredMessage): number | null {
    for (let index = 1; index <= this.capacity; index++) {
      if (!this.#slots.has(index)) {
        this.#slots.set(index, message);
        return index;
      }
    }
    return null;
  }

  get(index: number): StoredMessage | undefined {
    return this.#slots.get(index);
  }

  /** AT+CMGR marks a received unread message read (27.005 §3.4.3). */
  markRead(index: number): void {
    const message = this.#slots.get(index);
    if (message && message.stat === 0) message.stat = 1;
  }

  delete(index: number): void {
    this.deletions.push({ index, message: this.#slots.get(index) });
    this.#slots.delete(index);
  }

  /** Occupied slots in index order. */
  entries(): [number, StoredMessage][] {
    return [...this.#slots.entries()].sort(([a], [b]) => a - b);
  }
}
