/**
 * Node's decoders skip characters they do not understand and ignore spare bits, so two different
 * strings can decode to the same bytes. A tamper-evident format cannot allow that: these decoders
 * accept a string only if encoding the result gives the same string back.
 */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const LOWER_HEX = /^(?:[0-9a-f]{2})*$/;

export function decodeBase64Strict(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

export function decodeHexStrict(text: string): Buffer | null {
  return LOWER_HEX.test(text) ? Buffer.from(text, 'hex') : null;
}
