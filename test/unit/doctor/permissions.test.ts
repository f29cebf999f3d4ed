// Who may read and write a device: the mode-bit rule of access(2), and stat on a real file.
import { describe, expect, it } from 'vitest';
import type { DoctorUser } from '../../../electron/backend/doctor/etc-group.ts';
import { canReadWrite, modeAllowsReadWrite, modeText, statDevice } from '../../../electron/backend/doctor/permissions.ts';
import { fakeTree } from './fake-tree.ts';

const device = { uid: 0, gid: 20, mode: 0o660 };
const user = (over: Partial<DoctorUser> = {}): DoctorUser => ({ uid: 1000, gid: 1000, groups: [1000], name: 'nurse', ...over });

describe('modeAllowsReadWrite', () => {
  it('lets in the group of a 0660 device and nobody else but its owner and root', () => {
    expect(modeAllowsReadWrite(device, user({ groups: [1000, 20] }))).toBe(true);
    expect(modeAllowsReadWrite(device, user({ gid: 20 }))).toBe(true);
    expect(modeAllowsReadWrite(device, user())).toBe(false);
    expect(modeAllowsReadWrite(device, user({ uid: 0 }))).toBe(true);
    expect(modeAllowsReadWrite({ ...device, uid: 1000 }, user())).toBe(true);
  });

  it('uses the owner bits for the owner even when the group bits would allow (as access(2) does)', () => {
    expect(modeAllowsReadWrite({ uid: 1000, gid: 20, mode: 0o060 }, user({ groups: [20] }))).toBe(false);
  });

  it('needs both read and write', () => {
    expect(modeAllowsReadWrite({ ...device, mode: 0o640 }, user({ groups: [20] }))).toBe(false);
    expect(modeAllowsReadWrite({ ...device, mode: 0o666 }, user())).toBe(true);
    expect(modeAllowsReadWrite({ ...device, mode: 0o600 }, user({ groups: [20] }))).toBe(false);
  });

  it('writes modes as four octal digits', () => {
    expect(modeText(0o660)).toBe('0660');
    expect(modeText(0o4755)).toBe('4755');
    expect(modeText(0o6)).toBe('0006');
  });
});

describe('statDevice and canReadWrite', () => {
  it('reads owner, group and permission bits; a missing device is null', async () => {
    const tree = fakeTree();
    try {
      const path = tree.device('ttyUSB0', 0o620);
      expect(await statDevice(path)).toEqual({ uid: tree.uid, gid: tree.gid, mode: 0o620 });
      expect(await statDevice(`${path}-gone`)).toBeNull();
      expect(await canReadWrite(`${path}-gone`)).toBe(false);
    } finally {
      tree.remove();
    }
  });
});
