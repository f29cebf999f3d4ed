/**
 * The desktop app's question when its database is damaged (docs/ARCHITECTURE.md "The store":
 * Damaged database; issue 10 item 6): what happened and which file, in plain words, with the two
 * ways on as buttons — start with an empty database (the damaged file is kept aside, untouched)
 * or restore a copy the clinic has — and Quit. Asked again after a copy that cannot be used.
 *
 * Main has no i18n library (the renderer's i18next is not loaded here, and the language setting
 * is inside the damaged database): a small typed table in English and Swahili, chosen by the
 * system's language (app.getLocale()).
 */
import { dialog } from 'electron';
import type { UjumbeError } from '../../src-shared/errors.ts';
import type { Backend } from '../backend/create-backend.ts';
import type { DamageReason } from '../backend/store/database-check.ts';
import type { DatabaseRecovery, RestoreRefusal } from '../backend/store/damaged-database.ts';

export type MainLanguage = 'en' | 'sw';

/** 'sw', 'sw-KE', 'sw-TZ' → Swahili; anything else English. */
export function mainLanguage(locale: string): MainLanguage {
  return /^sw(\b|[-_])/i.test(locale) ? 'sw' : 'en';
}

interface DamageWords {
  title: string;
  message: string;
  detail: (path: string, reason: string) => string;
  startEmpty: string;
  restore: string;
  quit: string;
  chooseCopy: string;
  databaseFiles: string;
  allFiles: string;
  refusedTitle: string;
  refused: (refusal: string) => string;
  refusedDetail: (file: string) => string;
  ok: string;
  reasons: Record<DamageReason, string>;
  refusals: Record<RestoreRefusal, string>;
}

export const DAMAGE_WORDS: Record<MainLanguage, DamageWords> = {
  en: {
    title: 'Ujumbe’s data is damaged',
    message: 'Ujumbe’s database is damaged, so Ujumbe has not started.',
    detail: (path, reason) =>
      `The file ${path} cannot be read safely (${reason}). Ujumbe has not changed it.\n\n` +
      'You can start with an empty database: the damaged file is kept, untouched, in a folder named “damaged-…” inside Ujumbe’s data folder, for a technician. ' +
      'Or you can restore a copy of the database that you have, for example a backup on a USB stick.',
    startEmpty: 'Start with an empty database',
    restore: 'Restore from a copy…',
    quit: 'Quit',
    chooseCopy: 'Choose the copy of Ujumbe’s database to restore',
    databaseFiles: 'Ujumbe database',
    allFiles: 'All files',
    refusedTitle: 'This copy cannot be used',
    refused: (refusal) => `This copy cannot be restored: ${refusal}.`,
    refusedDetail: (file) => `${file}\n\nThe damaged database was not changed. Choose another copy, or start with an empty database.`,
    ok: 'OK',
    reasons: {
      'not-a-database': 'the file is not a database',
      'cut-short': 'the file is cut short',
      'empty-with-wal': 'the file is empty, but its log of recent changes is not',
      corrupt: 'parts of it are damaged',
    },
    refusals: {
      'not-found': 'there is no such file',
      'same-file': 'it is the damaged database itself',
      damaged: 'that copy is damaged too',
      'not-ujumbe': 'it is not an Ujumbe database',
      'too-new': 'it was written by a newer version of Ujumbe',
    },
  },
  sw: {
    title: 'Data za Ujumbe zimeharibika',
    message: 'Hifadhidata ya Ujumbe imeharibika, kwa hiyo Ujumbe haujaanza.',
    detail: (path, reason) =>
      `Faili ${path} haliwezi kusomwa kwa usalama (${reason}). Ujumbe haujalibadilisha.\n\n` +
      'Unaweza kuanza na hifadhidata tupu: faili lililoharibika litawekwa, bila kuguswa, kwenye folda iitwayo “damaged-…” ndani ya folda ya data ya Ujumbe, kwa ajili ya fundi. ' +
      'Au unaweza kurejesha nakala ya hifadhidata uliyo nayo, kwa mfano nakala ya akiba kwenye USB.',
    startEmpty: 'Anza na hifadhidata tupu',
    restore: 'Rejesha kutoka nakala…',
    quit: 'Funga',
    chooseCopy: 'Chagua nakala ya hifadhidata ya Ujumbe ya kurejesha',
    databaseFiles: 'Hifadhidata ya Ujumbe',
    allFiles: 'Faili zote',
    refusedTitle: 'Nakala hii haiwezi kutumika',
    refused: (refusal) => `Nakala hii haiwezi kurejeshwa: ${refusal}.`,
    refusedDetail: (file) => `${file}\n\nHifadhidata iliyoharibika haikubadilishwa. Chagua nakala nyingine, au anza na hifadhidata tupu.`,
    ok: 'Sawa',
    reasons: {
      'not-a-database': 'faili si hifadhidata',
      'cut-short': 'faili limekatika',
      'empty-with-wal': 'faili ni tupu, lakini kumbukumbu ya mabadiliko yake ya karibuni si tupu',
      corrupt: 'sehemu zake zimeharibika',
    },
    refusals: {
      'not-found': 'hakuna faili kama hilo',
      'same-file': 'ni hifadhidata iliyoharibika yenyewe',
      damaged: 'nakala hiyo nayo imeharibika',
      'not-ujumbe': 'si hifadhidata ya Ujumbe',
      'too-new': 'iliandikwa na toleo jipya zaidi la Ujumbe',
    },
  },
};

/** The buttons of the question, in this order (indices of showMessageBox's `response`). */
const START_EMPTY = 0;
const RESTORE = 1;
const QUIT = 2;

const codeOf = (err: unknown): unknown => (err instanceof Error ? (err as Partial<UjumbeError>).code : undefined);

/**
 * Builds the backend with `create`; while the database is damaged, asks the person which way on
 * (in `language()`, asked only then) and builds it again with their choice.
 * @returns the backend, or null when the person chose Quit.
 * @throws whatever `create` throws that is not about a damaged database (DataFolderLockedError …).
 */
export async function createBackendAskingAboutDamage(create: (recovery: DatabaseRecovery | null) => Backend, language: () => MainLanguage): Promise<Backend | null> {
  let recovery: DatabaseRecovery | null = null;
  let damage: UjumbeError | null = null;
  for (;;) {
    try {
      return create(recovery);
    } catch (err) {
      const code = codeOf(err);
      if (code === 'database-damaged') damage = err as UjumbeError;
      else if (code === 'restore-refused' && damage !== null) await sayRefused(err as UjumbeError, DAMAGE_WORDS[language()]);
      else throw err;
    }
    const next = await ask(damage, DAMAGE_WORDS[language()]);
    if (next === null) return null;
    recovery = next;
  }
}

/** The question; a cancelled file chooser asks it again. Null: Quit. */
async function ask(damage: UjumbeError, words: DamageWords): Promise<DatabaseRecovery | null> {
  const path = String(damage.details.path ?? '');
  const reason = words.reasons[damage.details.reason as DamageReason] ?? String(damage.details.reason ?? '');
  for (;;) {
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      title: words.title,
      message: words.message,
      detail: words.detail(path, reason),
      buttons: [words.startEmpty, words.restore, words.quit],
      // Enter opens the file chooser, Escape quits: neither changes anything by itself.
      defaultId: RESTORE,
      cancelId: QUIT,
      noLink: true,
    });
    if (response === START_EMPTY) return { way: 'start-empty' };
    if (response !== RESTORE) return null;
    const picked = await dialog.showOpenDialog({
      title: words.chooseCopy,
      properties: ['openFile'],
      filters: [
        { name: words.databaseFiles, extensions: ['db', 'sqlite', 'sqlite3', 'bak'] },
        { name: words.allFiles, extensions: ['*'] },
      ],
    });
    const from = picked.filePaths[0];
    if (!picked.canceled && from !== undefined) return { way: 'restore', from };
  }
}

async function sayRefused(refused: UjumbeError, words: DamageWords): Promise<void> {
  const refusal = words.refusals[refused.details.refusal as RestoreRefusal] ?? String(refused.details.refusal ?? '');
  await dialog.showMessageBox({
    type: 'error',
    title: words.refusedTitle,
    message: words.refused(refusal),
    detail: words.refusedDetail(String(refused.details.from ?? '')),
    buttons: [words.ok],
    noLink: true,
  });
}
