/**
 * The compose draft. It outlives the Compose screen, so a nurse who looks something up in
 * Conversations comes back to what she typed. Address chips keep the text as typed; validity is
 * derived (screens/compose/recipients.ts) with the current settings.
 */
import { create } from 'zustand';
import type { Protocol } from '../../src-shared/model.ts';

export type RecipientChip =
  | { key: string; kind: 'address'; input: string; protocol: Protocol }
  | { key: string; kind: 'contact'; contactId: number; name: string; address: string | null; protocol: Protocol | null }
  | { key: string; kind: 'group'; groupId: number; name: string; memberCount: number };

export interface ComposeIssues {
  /** Backend validation messages per chip key. */
  chips: Record<string, string[]>;
  message: string[];
  subject: string[];
  /** The "Send later" time. */
  sendAt: string[];
  /** Problems that belong to no field (no gateway, an unknown reply, a lost connection). */
  general: { code: string; message: string } | null;
}

const noIssues: ComposeIssues = { chips: {}, message: [], subject: [], sendAt: [], general: null };

/** A problem the screen found itself about the recipients goes once the recipients change. */
function afterRecipientsChange(issues: ComposeIssues): ComposeIssues {
  const code = issues.general?.code;
  return code === 'no-recipients' || code === 'invalid-recipients' ? { ...issues, general: null } : issues;
}

/** "Send later": off, or a date (YYYY-MM-DD) and time (HH:MM) in clinic time. */
export interface SendLater {
  on: boolean;
  date: string;
  time: string;
}

const notLater: SendLater = { on: false, date: '', time: '' };

interface ComposeState {
  chips: RecipientChip[];
  /** What is typed in "To" and not yet a chip. */
  pending: string;
  text: string;
  subject: string;
  issues: ComposeIssues;
  /** The last message sent from here with several recipients: its progress is shown. */
  lastSentId: number | null;
  later: SendLater;
  setLater: (later: SendLater) => void;
  /** @returns false if an equal chip is already there. */
  addChip: (chip: RecipientChip) => boolean;
  removeChip: (key: string) => void;
  setPending: (pending: string) => void;
  setText: (text: string) => void;
  setSubject: (subject: string) => void;
  setIssues: (issues: ComposeIssues) => void;
  /** After a successful send. */
  clearDraft: (sentId: number | null) => void;
  reset: () => void;
}

export const useCompose = create<ComposeState>()((set, get) => ({
  chips: [],
  pending: '',
  text: '',
  subject: '',
  issues: noIssues,
  lastSentId: null,
  later: notLater,
  setLater(later) {
    set((s) => ({ later, issues: s.issues.sendAt.length > 0 ? { ...s.issues, sendAt: [] } : s.issues }));
  },
  addChip(chip) {
    if (get().chips.some((c) => c.key === chip.key)) return false;
    set((s) => ({ chips: [...s.chips, chip], issues: afterRecipientsChange(s.issues) }));
    return true;
  },
  removeChip(key) {
    set((s) => {
      const { [key]: _dropped, ...rest } = s.issues.chips;
      return { chips: s.chips.filter((c) => c.key !== key), issues: afterRecipientsChange({ ...s.issues, chips: rest }) };
    });
  },
  setPending: (pending) => set({ pending }),
  setText(text) {
    set((s) => (s.issues.message.length > 0 ? { text, issues: { ...s.issues, message: [] } } : { text }));
  },
  setSubject(subject) {
    set((s) => (s.issues.subject.length > 0 ? { subject, issues: { ...s.issues, subject: [] } } : { subject }));
  },
  setIssues: (issues) => set({ issues }),
  clearDraft: (sentId) => set({ chips: [], pending: '', text: '', subject: '', issues: noIssues, lastSentId: sentId, later: notLater }),
  reset: () => set({ chips: [], pending: '', text: '', subject: '', issues: noIssues, lastSentId: null, later: notLater }),
}));

export const NO_COMPOSE_ISSUES = noIssues;
