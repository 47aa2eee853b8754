// A config file's bytes before YAML sees them: invalid UTF-8 would become U+FFFD in a
// tenant object's name and a NUL byte would be stored as is, so both are refused at the
// line they are on.

/** Offset of the first byte that is not part of well-formed UTF-8, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i += 1;
      continue;
    }
    // Lead byte → sequence length and the allowed range of the second byte (no overlongs, no surrogates).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    if (i + length > bytes.length) return i;
    if (bytes[i + 1] < low || bytes[i + 1] > high) return i;
    for (let k = 2; k < length; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return i;
    i += length;
  }
  return -1;
}

/** The first character a config file may not hold: its offset in the decoded text, and why. */
export interface BadCharacter {
  offset: number;
  message: string;
}

export function firstBadCharacter(bytes: Buffer): BadCharacter | undefined {
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0) {
    return {
      // The bytes before it are valid UTF-8: their decoded length is its offset in the text.
      offset: bytes.subarray(0, bad).toString('utf8').length,
      message: `not valid UTF-8 (byte 0x${bytes[bad].toString(16).padStart(2, '0')}): save the file as UTF-8`,
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    return { offset: bytes.subarray(0, nul).toString('utf8').length, message: 'holds a NUL character' };
  return undefined;
}
