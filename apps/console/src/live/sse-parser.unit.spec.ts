import { SseParser } from './sse-parser';

describe('SseParser', () => {
  it('given the gateway’s frames split across chunks, when fed, then whole events come out once, comments and retry skipped', () => {
    const parser = new SseParser();
    expect(parser.push('retry: 3000\n: subscribed to twin\n\nid: twin-E1:4\nevent: tw')).toEqual([]);
    expect(parser.push('in\ndata: {"a":1}\n\n: heartbeat\n\nid: 2\r\ndata: x\r\ndata: y\r\n\r\n')).toEqual([
      { id: 'twin-E1:4', event: 'twin', data: '{"a":1}' },
      { id: '2', event: 'message', data: 'x\ny' },
    ]);
  });
});
