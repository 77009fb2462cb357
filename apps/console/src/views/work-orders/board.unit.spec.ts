import type { WorkOrder } from '../../api/types';
import { actionsFor, groupByStatus, propagationSource, transitionBody, upsertWorkOrder } from './board';

const order = (id: string, fields: Partial<WorkOrder> = {}) => ({ id, assetId: 'E1', status: 'open', priority: 3, dueAt: '2026-02-01T00:00:00Z', reason: '', version: '1', ...fields } as WorkOrder);

describe('work-order board', () => {
  it('given orders, when grouped, then one column per status, most urgent first', () => {
    const columns = groupByStatus([order('a', { priority: 3 }), order('b', { priority: 1 }), order('c', { status: 'scheduled' })]);
    expect(columns.open.map((o) => o.id)).toEqual(['b', 'a']);
    expect(columns.scheduled.map((o) => o.id)).toEqual(['c']);
    expect(columns.completed).toEqual([]);
  });

  it('given a status, when asked for actions, then only the transitions the lifecycle allows', () => {
    expect(actionsFor('open')).toEqual(['acknowledge', 'defer', 'cancel']);
    expect(actionsFor('in-progress')).toEqual(['complete']);
    expect(actionsFor('completed')).toEqual([]);
  });

  it('given a propagated order, when read, then its source asset comes from the reason', () => {
    expect(propagationSource({ reason: 'propagated from ESN-3247: same build batch B07, similarity 0.91' })).toBe('ESN-3247');
    expect(propagationSource({ reason: 'prediction crossed the threshold' })).toBeUndefined();
  });

  it('given form input, when a transition body is made, then it has the gateway’s shape with UTC instants', () => {
    expect(transitionBody('schedule', { scheduledFor: '2026-12-01T08:00', site: 'MRO-1' })).toEqual({ scheduledFor: '2026-12-01T08:00:00.000Z', site: 'MRO-1' });
    expect(transitionBody('acknowledge', {})).toEqual({});
    expect(transitionBody('complete', { findings: 'worn', confirmedFailureMode: 'HPC-DEG' })).toEqual({ completion: { findings: 'worn', confirmedFailureMode: 'HPC-DEG' } });
    expect(transitionBody('defer', { reason: 'no slot' })).toEqual({ reason: 'no slot' });
  });

  it('given a changed order, when upserted, then the newer version replaces the older, never the reverse', () => {
    const list = [order('a', { version: '2', status: 'acknowledged' })];
    expect(upsertWorkOrder(list, order('a', { version: '3', status: 'scheduled' }))[0]?.status).toBe('scheduled');
    expect(upsertWorkOrder(list, order('a', { version: '1', status: 'open' }))[0]?.status).toBe('acknowledged');
    expect(upsertWorkOrder(list, order('b')).map((o) => o.id)).toEqual(['b', 'a']);
  });
});
