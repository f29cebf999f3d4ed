import { describe, expect, it } from 'vitest';
import { AtChannel } from '../../../electron/backend/gateways/modem/at-channel.ts';
import type { AtChannelEvents } from '../../../electron/backend/gateways/modem/at-channel.ts';
import { FakePort, tick } from '../../support/fake-port.ts';

describe('AtChannel traffic events (the technician log)', () => {
  it('reports each written line as out, answers as in, and unsolicited codes as urc', async () => {
    const port = new FakePort();
    const channel = new AtChannel(port);
    const traffic: Array<AtChannelEvents['traffic'][0]> = [];
    channel.on('traffic', (entry) => traffic.push(entry));

    port.responder = (data) => (data === 'AT+CMGS=12\r' ? '\r\n> ' : data.endsWith('\x1a') ? '\r\n+CMGS: 7\r\n\r\nOK\r\n' : undefined);
    await expect(channel.sendWithPrompt('AT+CMGS=12', '0011AABB')).resolves.toEqual(['+CMGS: 7']);
    port.reply('\r\n+CMT: ,24\r\n0791AABB\r\n\r\nRING\r\n');
    await tick();

    expect(traffic).toEqual([
      { direction: 'out', line: 'AT+CMGS=12' },
      { direction: 'in', line: '> ' },
      { direction: 'out', line: '0011AABB' },
      { direction: 'in', line: '+CMGS: 7' },
      { direction: 'in', line: 'OK' },
      { direction: 'urc', line: '+CMT: ,24' },
      { direction: 'urc', line: '0791AABB' },
      { direction: 'urc', line: 'RING' },
    ]);
  });
});
