/**
 * A cursor over the octets of a PDU that turns every short read into a PduError naming the
 * field being read and its offset (a character index into the hex as given, see PduError).
 */
import { PduError } from './errors.ts';

export class PduReader {
  private position = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Octets not read yet. */
  get remaining(): number {
    return this.bytes.length - this.position;
  }

  /** Hex offset of the next octet. */
  get offset(): number {
    return this.position * 2;
  }

  /** Hex offset of an octet position. */
  offsetOf(position: number): number {
    return position * 2;
  }

  get octetPosition(): number {
    return this.position;
  }

  /** @throws PduError when the PDU ends before `field`. */
  readOctet(field: string): number {
    if (this.position >= this.bytes.length) {
      throw new PduError(field, this.offset, 'the PDU ends before this field');
    }
    return this.bytes[this.position++]!;
  }

  /** @throws PduError when fewer than `count` octets remain for `field`. */
  readOctets(count: number, field: string): Uint8Array {
    if (count > this.remaining) {
      throw new PduError(field, this.offset, `needs ${count} octet(s) but only ${this.remaining} remain`);
    }
    const slice = this.bytes.subarray(this.position, this.position + count);
    this.position += count;
    return slice;
  }

  /** A PduError about `field` at the octet position `position`. */
  error(field: string, position: number, detail: string): PduError {
    return new PduError(field, this.offsetOf(position), detail);
  }
}
