/**
 * Keyword rules (issue 12 "Keywords and auto-replies"): a reply whose first word is a rule's
 * keyword ("HOURS") is answered with the rule's template and may add the sender to a group.
 * `keyword` is stored as compared (consent-words.ts normaliseReply: upper case, no accents), one
 * rule per keyword; `fired` and `last_fired_at` say how often it acted. A rule whose template or
 * group is deleted stops answering or adding rather than vanishing (SET NULL).
 */
import type { Migration } from './migration.ts';

export const keywordRules: Migration = {
  version: 11,
  name: 'keyword-rules',
  up(db) {
    db.exec(`
      CREATE TABLE keyword_rules (
        id INTEGER PRIMARY KEY,
        keyword TEXT NOT NULL UNIQUE CHECK (length(keyword) BETWEEN 1 AND 40),
        template_id TEXT REFERENCES templates(id) ON DELETE SET NULL,
        group_id INTEGER REFERENCES groups(id) ON DELETE SET NULL,
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        fired INTEGER NOT NULL DEFAULT 0,
        last_fired_at TEXT,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
      );
    `);
  },
};
