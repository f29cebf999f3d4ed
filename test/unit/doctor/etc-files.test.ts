// /etc/group and /etc/passwd parsing, and what group membership means for a login session.
import { describe, expect, it } from 'vitest';
import { type DoctorUser, groupMembership, groupName, parseGroupFile, serialGroup } from '../../../electron/backend/doctor/etc-group.ts';
import { parsePasswdNames } from '../../../electron/backend/doctor/etc-passwd.ts';

const GROUP = [
  '# local groups',
  'root:x:0:',
  'uucp:x:10:',
  'dialout:x:20:nurse,  tech ',
  '',
  'broken line',
  'nogid:x::nurse',
  'plugdev:x:46:',
  '+nisgroup::0:',
  'nurse:x:1000:',
].join('\n');

const nurse = (groups: number[]): DoctorUser => ({ uid: 1000, gid: 1000, groups, name: 'nurse' });

describe('parseGroupFile', () => {
  it('reads name, gid and members, skipping comments, NIS and broken lines', () => {
    expect(parseGroupFile(GROUP)).toEqual([
      { name: 'root', gid: 0, members: [] },
      { name: 'uucp', gid: 10, members: [] },
      { name: 'dialout', gid: 20, members: ['nurse', 'tech'] },
      { name: 'plugdev', gid: 46, members: [] },
      { name: 'nurse', gid: 1000, members: [] },
    ]);
  });

  it('takes Windows line endings', () => {
    expect(parseGroupFile('dialout:x:20:a,b\r\nuucp:x:14:\r\n')).toEqual([
      { name: 'dialout', gid: 20, members: ['a', 'b'] },
      { name: 'uucp', gid: 14, members: [] },
    ]);
  });
});

describe('groupMembership', () => {
  const groups = parseGroupFile(GROUP);

  it('is a member when this session has the group (supplementary or effective)', () => {
    expect(groupMembership(nurse([1000, 20]), 20, groups)).toBe('member');
    expect(groupMembership({ ...nurse([]), gid: 20 }, 20, groups)).toBe('member');
  });

  it('must log in again when /etc/group lists the user but the session does not have it', () => {
    expect(groupMembership(nurse([1000]), 20, groups)).toBe('relogin-needed');
  });

  it('is not a member otherwise, or when the group file cannot be read', () => {
    expect(groupMembership(nurse([1000]), 10, groups)).toBe('not-member');
    expect(groupMembership(nurse([1000]), 20, null)).toBe('not-member');
    expect(groupMembership({ ...nurse([1000]), name: 'other' }, 20, groups)).toBe('not-member');
  });
});

describe('group names', () => {
  it('names a gid, or gives its number when unlisted', () => {
    const groups = parseGroupFile(GROUP);
    expect(groupName(20, groups)).toBe('dialout');
    expect(groupName(4242, groups)).toBe('4242');
    expect(groupName(20, null)).toBe('20');
  });

  it('finds the serial-port group: dialout before uucp (Debian has both), uucp on Arch', () => {
    expect(serialGroup(parseGroupFile(GROUP))?.name).toBe('dialout');
    expect(serialGroup(parseGroupFile('uucp:x:14:nurse\n'))).toEqual({ name: 'uucp', gid: 14, members: ['nurse'] });
    expect(serialGroup(parseGroupFile('wheel:x:10:\n'))).toBeNull();
    expect(serialGroup(null)).toBeNull();
  });
});

describe('parsePasswdNames', () => {
  it('maps uids to names, first line wins', () => {
    const names = parsePasswdNames('root:x:0:0:root:/root:/bin/bash\nnurse:x:1000:1000::/home/nurse:/bin/sh\n# x\nbad\ntoor:x:0:0::/:/bin/sh\n');
    expect([...names]).toEqual([[0, 'root'], [1000, 'nurse']]);
  });
});
