import vectors from './fixtures/go-sumdb-note.vectors.json';
import { generateNoteKeyPair, parseSignerKey, parseVerifierKey } from './note-keys';
import { openNote, signNote } from './signed-note';

const { text, signatureLine: peterSig, otherSignatureLine: enochSig } = vectors;
const peter = parseVerifierKey(vectors.verifierKey);
const enoch = parseVerifierKey(vectors.otherVerifierKey);

describe('C2SP signed note: golang.org/x/mod sumdb/note vectors', () => {
  it('signs the reference text byte for byte like the reference implementation', () => {
    expect(signNote(text, [parseSignerKey(vectors.signerKey)])).toBe(`${text}\n${peterSig}`);
  });

  it('derives the same key hash from signer and verifier key', () => {
    expect(parseSignerKey(vectors.signerKey).keyHash).toBe(0xc74f20a3);
    expect(peter.keyHash).toBe(0xc74f20a3);
  });

  it('opens the reference note, keeping unknown signatures as unverified', () => {
    const opened = openNote(`${text}\n${peterSig}${enochSig}`, [peter]);
    expect(opened).toMatchObject({ ok: true, text, verified: [{ name: 'PeterNeumann' }], unverified: [{ name: 'EnochRoot' }] });
    expect(openNote(`${text}\n${peterSig}${enochSig}`, [peter, enoch])).toMatchObject({ ok: true, verified: [{}, {}] });
  });

  it('refuses a note no known key signed', () => {
    expect(openNote(`${text}\n${peterSig}${enochSig}`, [])).toMatchObject({ ok: false, code: 'NO_VERIFIABLE_SIGNATURE' });
  });

  it('refuses an ambiguous verifier list', () => {
    expect(openNote(`${text}\n${enochSig}`, [enoch, peter, enoch])).toMatchObject({ ok: false, code: 'AMBIGUOUS_KEY' });
  });

  it('refuses a tampered text or signature', () => {
    expect(openNote(`${text.replace('cryptography', 'cryptographY')}\n${peterSig}`, [peter])).toMatchObject({ ok: false, code: 'INVALID_SIGNATURE' });
    const tampered = `${peterSig.slice(0, 60)}ABCD${peterSig.slice(60)}`;
    expect(openNote(`${text}\n${tampered}`, [peter])).toMatchObject({ ok: false, code: 'INVALID_SIGNATURE' });
  });

  it.each([
    ['text only', text],
    ['no signature line', `${text}\n`],
    ['signature without final newline', `${text}\n${peterSig.slice(0, -1)}`],
    ['control character', `\x01${text}\n${peterSig}`],
    ['name with a space', `${text}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`],
    ['unexpected line', `${text}\n${peterSig}Unexpected line.\n`],
    ['more than 100 signatures', `${text}\n${peterSig.repeat(101)}`],
  ])('refuses a malformed note: %s', (_, note) => {
    expect(openNote(note, [peter])).toMatchObject({ ok: false, code: 'MALFORMED_NOTE' });
  });

  it('refuses invalid UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from(`${text}\n${peterSig}`)]);
    expect(openNote(bytes, [peter])).toMatchObject({ ok: false, code: 'MALFORMED_NOTE' });
  });

  it('refuses every truncation and single-byte change of the verifier key', () => {
    const key = vectors.verifierKey;
    for (let i = 0; i <= key.length; i++) {
      for (let j = i + 1; j <= key.length; j++) {
        if (i !== 0 || j !== key.length) expect(() => parseVerifierKey(key.slice(i, j))).toThrow();
      }
    }
    for (let i = 0; i < key.length; i++) {
      const mangled = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
      expect(() => parseVerifierKey(mangled)).toThrow();
    }
    for (const bad of vectors.badVerifierKeys) expect(() => parseVerifierKey(bad)).toThrow();
  });

  it('refuses every single-byte change of the signer key', () => {
    const key = vectors.signerKey;
    for (let i = 0; i < key.length; i++) {
      const mangled = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
      expect(() => parseSignerKey(mangled)).toThrow();
    }
  });

  it('generates key pairs that sign and verify each other', () => {
    const pair = generateNoteKeyPair('log.example/fleettwin');
    const note = signNote('hello\n', [parseSignerKey(pair.signerKey)]);
    expect(openNote(note, [parseVerifierKey(pair.verifierKey)])).toMatchObject({ ok: true, text: 'hello\n' });
    expect(openNote(note, [peter])).toMatchObject({ ok: false, code: 'NO_VERIFIABLE_SIGNATURE' });
  });
});
