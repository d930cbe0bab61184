const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * RFC 4648 base32 in lower case, without padding: only letters and digits,
 * so ids are safe in S3 keys, URLs and file names alike.
 */
export function base32(bytes: Uint8Array): string {
  let text = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += alphabet[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) text += alphabet[(buffer << (5 - bits)) & 31];
  return text;
}
