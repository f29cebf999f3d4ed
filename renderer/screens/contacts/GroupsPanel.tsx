/**
 * Groups: filter the address book by one, create, rename and delete them. Deleting a group keeps
 * its contacts; the confirmation says so.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupDto } from '../../../src-shared/contract/dto.ts';
import { useClient } from '../../app/hooks.ts';
import { Button } from '../../ui/index.ts';
import { errorMessage } from '../settings/field-errors.ts';
import { useCan } from '../../state/session.ts';

const GROUP_NAME_MAX = 200;

export interface GroupsPanelProps {
  groups: GroupDto[];
  /** null: all contacts. */
  selectedId: number | null;
  onSelect: (groupId: number | null) => void;
  /** A group was created, renamed or deleted: reload groups (and contacts, when it was the filter). */
  onChanged: (change: { kind: 'created' | 'renamed' | 'deleted'; group: GroupDto | { id: number } }) => void;
}

type Editing = { kind: 'rename'; group: GroupDto } | { kind: 'delete'; group: GroupDto } | null;

export function GroupsPanel({ groups, selectedId, onSelect, onChanged }: GroupsPanelProps) {
  const { t } = useTranslation('contacts');
  // Issue 13: a viewer picks a group to list; changing groups is a nurse's.
  const canEdit = useCan('groups.rename');
  const client = useClient();
  const id = useId();
  const [newName, setNewName] = useState('');
  const [createError, setCreateError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [rename, setRename] = useState('');
  const [editError, setEditError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const checkGroupName = (value: string) => {
    if (value.trim() === '') return t('groups.errors.nameRequired');
    if (value.trim().length > GROUP_NAME_MAX) return t('groups.errors.nameTooLong', { max: GROUP_NAME_MAX });
    if (groups.some((g) => g.name.trim().toLowerCase() === value.trim().toLowerCase() && (editing?.kind !== 'rename' || editing.group.id !== g.id))) {
      return t('groups.errors.nameTaken');
    }
    return null;
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const problem = checkGroupName(newName);
    setCreateError(problem);
    if (problem) return;
    setBusy(true);
    try {
      const group = await client.call('groups.create', { name: newName.trim() });
      setNewName('');
      onChanged({ kind: 'created', group });
    } catch (err) {
      setCreateError(errorMessage(err, t('groups.errors.failed')));
    } finally {
      setBusy(false);
    }
  };

  const saveRename = async (event: FormEvent) => {
    event.preventDefault();
    if (editing?.kind !== 'rename') return;
    const problem = checkGroupName(rename);
    setEditError(problem);
    if (problem) return;
    setBusy(true);
    try {
      const group = await client.call('groups.rename', { id: editing.group.id, name: rename.trim() });
      setEditing(null);
      onChanged({ kind: 'renamed', group });
    } catch (err) {
      setEditError(errorMessage(err, t('groups.errors.failed')));
    } finally {
      setBusy(false);
    }
  };

  const confirmDelete = async () => {
    if (editing?.kind !== 'delete') return;
    setBusy(true);
    try {
      const deleted = await client.call('groups.delete', { id: editing.group.id });
      setEditing(null);
      setEditError(null);
      onChanged({ kind: 'deleted', group: deleted });
    } catch (err) {
      setEditError(errorMessage(err, t('groups.errors.failed')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <nav className="groups-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('groups.title')}</h2>
      <ul>
        <li>
          <Button aria-pressed={selectedId === null} onClick={() => onSelect(null)}>
            {t('groups.all')}
          </Button>
        </li>
        {groups.map((g) => (
          <li key={g.id}>
            {editing?.kind === 'rename' && editing.group.id === g.id ? (
              <form onSubmit={(e) => void saveRename(e)} noValidate>
                <label htmlFor={`${id}-rename`}>{t('groups.renameLabel')}</label>
                <input
                  id={`${id}-rename`}
                  type="text"
                  className="input"
                  value={rename}
                  autoFocus
                  aria-invalid={editError ? true : undefined}
                  aria-describedby={editError ? `${id}-edit-error` : undefined}
                  onChange={(e) => setRename(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') setEditing(null);
                  }}
                />
                <Button type="submit" disabled={busy}>
                  {t('groups.saveName')}
                </Button>
                <Button onClick={() => setEditing(null)}>
                  {t('groups.cancel')}
                </Button>
              </form>
            ) : (
              <>
                <Button aria-pressed={selectedId === g.id} onClick={() => onSelect(g.id)}>
                  {t('groups.item', { name: g.name, count: g.memberCount })}
                </Button>
                {canEdit ? (
                  <>
                    <Button
                      type="button"
                      variant="quiet"
                      aria-label={t('groups.rename', { name: g.name })}
                      onClick={() => {
                        setEditing({ kind: 'rename', group: g });
                        setRename(g.name);
                        setEditError(null);
                      }}
                    >
                      {t('groups.renameShort')}
                    </Button>
                    <Button
                      type="button"
                      variant="quiet"
                      aria-label={t('groups.delete', { name: g.name })}
                      onClick={() => {
                        setEditing({ kind: 'delete', group: g });
                        setEditError(null);
                      }}
                    >
                      {t('groups.deleteShort')}
                    </Button>
                  </>
                ) : null}
              </>
            )}
            {editing?.kind === 'delete' && editing.group.id === g.id ? (
              <div role="group" aria-label={t('groups.confirmLabel', { name: g.name })} className="confirm">
                <p>{t('groups.confirmDelete', { name: g.name })}</p>
                <Button variant="danger" disabled={busy} onClick={() => void confirmDelete()}>
                  {t('groups.confirmDeleteButton')}
                </Button>
                <Button onClick={() => setEditing(null)}>
                  {t('groups.cancel')}
                </Button>
              </div>
            ) : null}
            {editing?.group.id === g.id && editError ? (
              <p id={`${id}-edit-error`} role="alert" className="field-error">
                {editError}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <form onSubmit={(e) => void create(e)} noValidate className="new-group">
          <label htmlFor={`${id}-new`}>{t('groups.newLabel')}</label>
          <input
            id={`${id}-new`}
            type="text"
            className="input"
            value={newName}
            aria-invalid={createError ? true : undefined}
            aria-describedby={createError ? `${id}-create-error` : undefined}
            onChange={(e) => setNewName(e.target.value)}
          />
          <Button type="submit" disabled={busy}>
            {t('groups.add')}
          </Button>
          {createError ? (
            <p id={`${id}-create-error`} role="alert" className="field-error">
              {createError}
            </p>
          ) : null}
        </form>
      ) : null}
    </nav>
  );
}
