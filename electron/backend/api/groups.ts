/** groups.*: named lists of contacts. Names are unique without regard to case. */
import type { GroupDto } from '../../../src-shared/contract/dto.ts';
import { NotFoundError, ValidationError } from '../../../src-shared/errors.ts';
import type { Store } from '../store/store.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';

function getGroup(store: Store, id: number): GroupDto {
  const group = store.groups.get(id);
  if (!group) throw new NotFoundError('group', id, 'This group no longer exists.');
  return { id: group.id, name: group.name, memberCount: group.memberCount };
}

/** @throws ValidationError (rule group.exists) if another group already has the name. */
function checkNameFree(store: Store, name: string, exceptId: number | null): void {
  const other = store.groups.findByName(name);
  if (other && other.id !== exceptId) {
    throw new ValidationError([{ where: 'name', rule: 'group.exists', message: `There is already a group called "${other.name}".` }]);
  }
}

/**
 * @throws ValidationError from create and rename (the name is another group's).
 * @throws NotFoundError from rename and delete.
 */
export function groupHandlers({ backend }: HandlerContext): AreaHandlers<'groups'> {
  const { store } = backend;
  return {
    'groups.list': () => store.groups.list().map((g) => ({ id: g.id, name: g.name, memberCount: g.memberCount })),

    'groups.create': ({ name }) =>
      store.transaction(() => {
        checkNameFree(store, name, null);
        return getGroup(store, store.groups.create(name));
      }),

    'groups.rename': ({ id, name }) =>
      store.transaction(() => {
        getGroup(store, id);
        checkNameFree(store, name, id);
        store.groups.rename(id, name);
        return getGroup(store, id);
      }),

    // The members stay contacts; only the memberships go.
    'groups.delete': ({ id }) =>
      store.transaction(() => {
        getGroup(store, id);
        store.groups.delete(id);
        return { id };
      }),
  };
}
