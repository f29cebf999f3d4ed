// The simulator's stored status reports (AT+CNMI <ds>=2, 27.005 §3.4.1), per profile: where they
// are kept ("SR" or "SM"), what AT+CNMI=? and AT+CPMS=? say, reading and deleting them, capacity,
// and a report that arrives while no app has the port open.
import { describe, expect, it } from 'vitest';
import { startModem } from './fixture.ts';

const REPORT_TO = '+254712345678';

describe('modem simulator: stored status reports', () => {
  it('keeps a Quectel\'s reports in "SR", says +CDSI: "SR", and reads and deletes them there', async () => {
    const { sim, modem } = await startModem({ profile: 'quectel', reportStorageCapacity: 2 });
    await modem.command('ATE0');
    expect(await modem.command('AT+CNMI=?')).toEqual(['+CNMI: (0-3),(0-3),(0,2),(0-2),(0,1)', 'OK']);
    expect(await modem.command('AT+CPMS=?')).toEqual(['+CPMS: ("SM","ME","MT","SR"),("SM","ME","MT"),("SM","ME","MT")', 'OK']);
    expect(await modem.command('AT+CMGF=0;+CNMI=2,1,0,2,0')).toEqual(['OK']);
    const pdu = sim.reportDelivery(7, { recipient: REPORT_TO });
    await modem.until(/\+CDSI: "SR",1\r\n/);
    expect(sim.storage.used).toBe(0);
    // <mem2>/<mem3> cannot be "SR" (27.005 §3.2.2: reports are stored there by the modem alone).
    expect(await modem.command('AT+CPMS="SM","SR"')).toEqual(['+CMS ERROR: 303']);
    expect(await modem.command('AT+CPMS="SR"')).toEqual(['+CPMS: 1,2,0,30,0,30', 'OK']);
    expect(await modem.command('AT+CMGL=4')).toEqual([`+CMGL: 1,0,,${pdu.tpduLength}`, pdu.hex, 'OK']);
    expect(await modem.command('AT+CMGR=1')).toEqual([`+CMGR: 0,,${pdu.tpduLength}`, pdu.hex, 'OK']);
    expect(await modem.command('AT+CMGD=1')).toEqual(['OK']);
    expect(sim.reportStorage?.used).toBe(0);
    expect(await modem.command('AT+CPMS="SM"')).toEqual(['+CPMS: 0,30,0,30,0,30', 'OK']);
  });

  it('keeps a report that comes while nobody listens, and holds the network\'s when "SR" is full', async () => {
    const { sim, modem } = await startModem({ profile: 'zte', reportStorageCapacity: 1, noise: false });
    await modem.command('ATE0');
    await modem.command('AT+CMGF=0;+CNMI=2,1,0,2,0');
    modem.clear();
    sim.reportDelivery(1, { recipient: REPORT_TO, away: true });
    sim.reportDelivery(2, { recipient: REPORT_TO, away: true });
    expect(sim.reportStorage?.used).toBe(1);
    expect(await modem.command('AT')).toEqual(['OK']); // no +CDSI was said
    await modem.command('AT+CPMS="SR"');
    await modem.command('AT+CMGD=1');
    // The network's retry fills the freed slot, and says so.
    await modem.until(/\+CDSI: "SR",1\r\n/);
    expect(sim.reportStorage?.used).toBe(1);
    expect(sim.lostStatusReports).toHaveLength(0);
  });

  it('has no <ds> 2 on a generic or SIM800 modem: ds=2 is refused and an unread +CDS is lost', async () => {
    for (const profile of ['generic', 'sim800'] as const) {
      const { sim, modem } = await startModem({ profile });
      await modem.command('ATE0');
      expect(await modem.command('AT+CNMI=?')).toEqual(['+CNMI: (0-3),(0-3),(0,2),(0,1),(0,1)', 'OK']);
      expect(await modem.command('AT+CNMI=2,1,0,2,0')).toEqual(['+CMS ERROR: 303']);
      expect(await modem.command('AT+CMGF=0;+CNMI=2,1,0,1,0')).toEqual(['OK']);
      sim.reportDelivery(3, { recipient: REPORT_TO, away: true });
      expect(sim.lostStatusReports).toHaveLength(1);
      expect(sim.storage.used).toBe(0);
    }
  });

  it('lets a Huawei store a report it then will not give back (MU509 AT spec §6.6)', async () => {
    const { sim, modem } = await startModem({ profile: 'huawei', noise: false });
    await modem.command('ATE0');
    await modem.command('AT+CMGF=0;+CNMI=2,1,0,2,0');
    sim.reportDelivery(4, { recipient: REPORT_TO });
    await modem.until(/\+CDSI: "SR",1\r\n/);
    expect(await modem.command('AT+CPMS="SR"')).toEqual(['+CMS ERROR: 303']);
    expect(await modem.command('AT+CPMS=?')).toEqual(['+CPMS: ("SM","ME","MT"),("SM","ME","MT"),("SM","ME","MT")', 'OK']);
  });
});
