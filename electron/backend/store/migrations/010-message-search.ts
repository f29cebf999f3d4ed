/**
 * Full-text search of message text (issue 12 "The inbox a nurse works from"): an FTS5 index over
 * messages.content, kept by triggers so every insert, edit (a scheduled text changed) and delete
 * is in it without the code remembering to. An external-content table: the text is stored once,
 * in messages. unicode61 with diacritics removed, so "arret" finds "arrêter" and case never
 * matters. Existing messages are indexed by the rebuild below.
 */
import type { Migration } from './migration.ts';

export const messageSearch: Migration = {
  version: 10,
  name: 'message-search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE message_text USING fts5(content, content = 'messages', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
      INSERT INTO message_text(message_text) VALUES ('rebuild');

      CREATE TRIGGER message_text_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_text(rowid, content) VALUES (new.id, new.content);
      END;
      CREATE TRIGGER message_text_delete AFTER DELETE ON messages BEGIN
        INSERT INTO message_text(message_text, rowid, content) VALUES ('delete', old.id, old.content);
      END;
      CREATE TRIGGER message_text_update AFTER UPDATE OF content ON messages BEGIN
        INSERT INTO message_text(message_text, rowid, content) VALUES ('delete', old.id, old.content);
        INSERT INTO message_text(rowid, content) VALUES (new.id, new.content);
      END;
    `);
  },
};
