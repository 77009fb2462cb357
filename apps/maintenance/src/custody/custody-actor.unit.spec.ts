import { actorFrom, MissingIdentity } from './custody-actor';

const headers = (values: Record<string, string>) => (name: string) => values[name];

describe('actorFrom', () => {
  it('given the identity headers, when read, then names organisation, user and authorisations', () => {
    const actor = actorFrom(headers({ 'x-organisation': 'mro', 'x-organisation-name': 'Overhaul Shop', 'x-organisation-approval': 'EASA.145.0099', 'x-actor': 'qm@mro', 'x-authorisations': 'custody:resolve-quarantine, other' }));
    expect(actor).toEqual({ organisation: { id: 'mro', name: 'Overhaul Shop', approval: 'EASA.145.0099' }, userId: 'qm@mro', authorisations: ['custody:resolve-quarantine', 'other'] });
  });

  it('given only the ids, when read, then the name defaults to the id and nothing is authorised', () => {
    expect(actorFrom(headers({ 'x-organisation': 'oem', 'x-actor': 'clerk' }))).toEqual({ organisation: { id: 'oem', name: 'oem' }, userId: 'clerk', authorisations: [] });
  });

  it('given no organisation or no user, when read, then it refuses', () => {
    expect(() => actorFrom(headers({ 'x-actor': 'clerk' }))).toThrow(MissingIdentity);
    expect(() => actorFrom(headers({ 'x-organisation': 'oem', 'x-actor': '  ' }))).toThrow(MissingIdentity);
  });
});
