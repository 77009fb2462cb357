import { decide } from './work-order.decider';
import { foldWorkOrder, type WorkOrder } from './work-order.events';
import { maintenancePolicy, UNCLASSIFIED, workOrdersFromPrediction } from './work-order.policy';
import { ASSET, cancelled, evidence, meta, opened, ORDER, TENANT } from './work-order.fixtures';

const policy = maintenancePolicy({ cyclesPerDay: 5, kindByFailureMode: { 'BEARING-WEAR': 'replacement' } });
const openOrder = foldWorkOrder([opened]) as WorkOrder;

describe('workOrdersFromPrediction', () => {
  it('given low risk, then nothing', () => {
    const decision = workOrdersFromPrediction(evidence({ failureProbability: 0.3, rul: { mean: 150, lower: 110, upper: 190, coverage: 0.8 } }), [], policy);
    expect(decision.action).toBe('nothing');
  });

  it('given P >= 0.5 and no open order, then create an inspection with priority and due date from the RUL lower bound', () => {
    expect(workOrdersFromPrediction(evidence(), [], policy)).toEqual({
      action: 'create',
      order: { tenant: TENANT, assetId: ASSET, kind: 'inspection', failureModeCode: 'HPC-DEG', priority: 3, dueAt: '2026-03-07T08:00:00.000Z', evidence: evidence() },
    });
  });

  it('given a low probability but RUL lower bound at the limit, then create', () => {
    const decision = workOrdersFromPrediction(evidence({ failureProbability: 0.2, rul: { mean: 80, lower: 50, upper: 110, coverage: 0.8 } }), [], policy);
    expect(decision).toMatchObject({ action: 'create', order: { priority: 3 } });
  });

  it('given a mode with its own kind of work, or no mode at all, then the kind and code follow', () => {
    expect(workOrdersFromPrediction(evidence({ failureMode: { code: 'BEARING-WEAR', similarity: 0.9 } }), [], policy)).toMatchObject({ order: { kind: 'replacement' } });
    expect(workOrdersFromPrediction(evidence({ failureMode: null }), [], policy)).toMatchObject({ order: { failureModeCode: UNCLASSIFIED } });
  });

  it('given an open order for the same asset and mode, when risk rises, then update its evidence instead of a duplicate', () => {
    const worse = evidence({ source: { streamId: `prediction-${ASSET}`, version: 130 }, failureProbability: 0.92, rul: { mean: 25, lower: 9, upper: 40, coverage: 0.8 } });
    expect(workOrdersFromPrediction(worse, [openOrder], policy)).toEqual({ action: 'update-evidence', workOrderId: ORDER, evidence: worse, priority: 1, dueAt: '2026-03-01T08:00:00.000Z' });
  });

  it('given an open order, when the same prediction or an unchanged risk arrives, then nothing', () => {
    expect(workOrdersFromPrediction(evidence(), [openOrder], policy).action).toBe('nothing');
    const same = evidence({ source: { streamId: `prediction-${ASSET}`, version: 121 }, failureProbability: 0.65, rul: { mean: 70, lower: 45, upper: 90, coverage: 0.8 } });
    expect(workOrdersFromPrediction(same, [openOrder], policy).action).toBe('nothing');
  });

  it('given an order for another mode or a closed one, then a new order', () => {
    const other = evidence({ failureMode: { code: 'FAN-EROSION', similarity: 0.8 } });
    expect(workOrdersFromPrediction(other, [openOrder], policy).action).toBe('create');
    expect(workOrdersFromPrediction(evidence(), [foldWorkOrder([opened, cancelled]) as WorkOrder], policy).action).toBe('create');
  });

  it('given a stream of rising predictions, when each decision is applied, then exactly one order exists, at the highest priority and earliest due date', () => {
    let order: WorkOrder | null = null;
    let created = 0;
    for (let cycle = 100; cycle <= 140; cycle++) {
      const p = Math.min(0.99, 0.4 + (cycle - 100) * 0.02);
      const lower = 140 - cycle;
      const prediction = evidence({ cycle, source: { streamId: `prediction-${ASSET}`, version: cycle }, failureProbability: p, rul: { mean: lower + 20, lower, upper: lower + 40, coverage: 0.8 } });
      const decision = workOrdersFromPrediction(prediction, order ? [order] : [], policy);
      if (decision.action === 'create') {
        created++;
        const result = decide({ type: 'OpenWorkOrder', data: { ...decision.order, workOrderId: ORDER }, metadata: meta(`open-${cycle}`) }, order);
        if (!result.ok) throw new Error(result.error.message);
        order = foldWorkOrder(result.events, order);
      }
      if (decision.action === 'update-evidence') {
        const result = decide({ type: 'AddEvidence', data: { tenant: TENANT, workOrderId: decision.workOrderId, evidence: decision.evidence, priority: decision.priority, dueAt: decision.dueAt }, metadata: meta(`ev-${cycle}`) }, order);
        if (!result.ok) throw new Error(result.error.message);
        order = foldWorkOrder(result.events, order);
      }
    }
    expect(created).toBe(1);
    expect(order?.priority).toBe(1);
    expect(order?.evidence.length).toBeGreaterThan(2);
    expect(order?.evidence.length).toBeLessThan(41);
  });
});
