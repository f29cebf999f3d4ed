/**
 * The notice of a start after a damaged database (store/damaged-database.ts): carried by
 * app.info until the nurse dismisses it, so the UI says it once (docs/ARCHITECTURE.md "The
 * store": Damaged database).
 */
import type { Handlers } from '../../../src-shared/contract/commands.ts';
import type { DatabaseNoticeDto } from '../../../src-shared/contract/dto.ts';
import type { Store } from '../store/store.ts';
import type { HandlerContext } from './context.ts';

/** `{ databaseNotice }` for app.info while there is one to show, else nothing (the field is left out). */
export function databaseNoticeField(store: Store): { databaseNotice?: DatabaseNoticeDto } {
  const record = store.settings.get('databaseDamage');
  if (record === null || record.dismissed) return {};
  return {
    databaseNotice: {
      code: record.way === 'restore' ? 'restored' : 'started-empty',
      at: record.at,
      keptIn: record.keptIn,
      restoredFrom: record.restoredFrom,
    },
  };
}

export function databaseNoticeHandlers({ backend }: HandlerContext): Pick<Handlers, 'app.dismissDatabaseNotice'> {
  const { store } = backend;
  return {
    'app.dismissDatabaseNotice'() {
      const record = store.settings.get('databaseDamage');
      if (record === null || record.dismissed) return { dismissed: false };
      // The record stays (what happened, and where the damaged file is); only the notice goes.
      store.settings.set('databaseDamage', { ...record, dismissed: true });
      return { dismissed: true };
    },
  };
}
