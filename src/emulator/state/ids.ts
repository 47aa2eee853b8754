import type { Random } from './random.ts';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const DIGITS = '0123456789';

/** Identifiers in the formats the real API uses (`con_…`, 24-hex resource servers, UUID actions). */
export class IdFactory {
  constructor(private readonly random: Random) {}

  private pick(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.random() * alphabet.length)];
    return out;
  }

  alphanumeric(length: number): string {
    return this.pick(ALPHANUMERIC, length);
  }

  hex(length: number): string {
    return this.pick(HEX, length);
  }

  digits(length: number): string {
    return this.pick(DIGITS, length);
  }

  prefixed(prefix: string): string {
    return `${prefix}_${this.alphanumeric(16)}`;
  }

  uuid(): string {
    const h = this.hex(32);
    const variant = HEX[8 + Math.floor(this.random() * 4)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
