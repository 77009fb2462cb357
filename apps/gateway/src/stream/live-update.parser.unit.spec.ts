import type { IHeaders, KafkaMessage } from 'kafkajs';
import { toLiveUpdate } from './live-update.parser';

const message = (value: unknown, ceId?: string): KafkaMessage => {
  const headers: IHeaders = ceId ? { ce_id: Buffer.from(ceId) } : {};
  return { key: null, timestamp: '0', attributes: 0, offset: '7', headers, value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)) };
};

describe('toLiveUpdate', () => {
  it('given a stored twin event with a tenant, when read, then it is an update of that tenant with its ce_id', () => {
    const update = toLiveUpdate('twin', message({ streamId: 'twin-ESN-1', type: 'FrameRecorded', data: { tenant: 'acme', assetId: 'ESN-1' } }, 'twin-ESN-1:3'), 'fallback');
    expect(update).toEqual({ type: 'twin', id: 'twin-ESN-1:3', tenant: 'acme', eventType: 'FrameRecorded', streamId: 'twin-ESN-1', data: { tenant: 'acme', assetId: 'ESN-1' } });
  });

  it('given an event without data.tenant, when read, then nobody receives it', () => {
    expect(toLiveUpdate('prediction', message({ type: 'PredictionMade', data: { assetId: 'ESN-1' } }), 'f')).toBeUndefined();
    expect(toLiveUpdate('prediction', message({ type: 'PredictionMade', data: { tenant: '' } }), 'f')).toBeUndefined();
  });

  it('given unreadable bytes, when read, then it is dropped', () => {
    expect(toLiveUpdate('work-order', message('{not json'), 'f')).toBeUndefined();
    expect(toLiveUpdate('work-order', message('null'), 'f')).toBeUndefined();
  });

  it('given no ce_id header, when read, then the fallback id is used', () => {
    expect(toLiveUpdate('work-order', message({ type: 'WorkOrderOpened', data: { tenant: 'acme' } }), 'topic:0:7')?.id).toBe('topic:0:7');
  });
});
