import { chainEntry, checkChain, GENESIS_HASH, type AuditEntry, type AuditRecord } from './index';

const entry = (n: number): AuditEntry => ({
  service: 'gateway', tenant: 'acme', principal: { kind: 'user', id: `user-${n}` }, onBehalfOf: null,
  action: 'POST /v1/twins/:id/commands', targetId: `ESN-${n}`, outcome: '202', clientIp: '10.0.0.1', requestId: `req-${n}`,
});

function chain(length: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (let n = 1; n <= length; n++) records.push(chainEntry(entry(n), records[records.length - 1], new Date(Date.UTC(2026, 10, 23, 12, 0, n))));
  return records;
}

describe('audit chain', () => {
  it('given appended records, when checked, then it holds and names the head', () => {
    const records = chain(5);
    expect(records[0]?.prevHash).toBe(GENESIS_HASH);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(checkChain(records)).toEqual({ ok: true, records: 5, head: records[4]?.hash });
  });

  it('checks page by page from the last good record', () => {
    const records = chain(6);
    expect(checkChain(records.slice(3), records[2])).toMatchObject({ ok: true, records: 3 });
  });

  it('detects an altered field, a deleted row and an inserted row', () => {
    const altered = chain(4).map((r) => (r.seq === 3 ? { ...r, outcome: '403' } : r));
    expect(checkChain(altered)).toEqual({ ok: false, records: 2, brokenAt: 3, reason: 'seq 3 was altered: its content does not match its hash' });

    const deleted = chain(4).filter((r) => r.seq !== 2);
    expect(checkChain(deleted)).toMatchObject({ ok: false, brokenAt: 3, reason: 'seq 3 follows 1: a row is missing or was inserted' });

    // A forger who re-seals the altered row still breaks the link of the row after it.
    const records = chain(4);
    const forged = chainEntry({ ...entry(2), principal: { kind: 'user', id: 'someone-else' } }, records[0], new Date(records[1]?.recordedAt ?? 0));
    expect(checkChain([records[0]!, forged, records[2]!, records[3]!])).toMatchObject({ ok: false, brokenAt: 3, reason: "seq 3 does not link to its predecessor's hash" });
  });
});
