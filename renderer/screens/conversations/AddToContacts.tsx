/**
 * "Add to contacts" on the thread of a number no contact has (issue 12 "The inbox"): a name,
 * then `contacts.create` with this number; the conversation takes the contact's name (the
 * backend links it, api/contact-save.ts) and the thread is read again to show it. Only for a
 * phone number or a mailbox: an operator's name ("SAFARICOM") cannot be written back to.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '../../../src-shared/contract/dto.ts';
import { useClient } from '../../app/client-context.tsx';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useConversations } from '../../state/conversations.ts';
import { toast } from '../../state/toasts.ts';
import { useCan } from '../../state/session.ts';
import { Button } from '../../ui/Button.tsx';
import { TextField } from '../../ui/TextField.tsx';

/** A number or mailbox that a contact can own. */
export function canAddToContacts(c: Pick<ConversationSummary, 'contactId' | 'address' | 'protocol'>): boolean {
  return c.contactId === null && (c.protocol === 'email' || /^\+\d{7,15}$/.test(c.address));
}

export function AddToContacts({ conversation }: { conversation: ConversationSummary }) {
  const { t } = useTranslation('conversations');
  const client = useClient();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const mayCreate = useCan('contacts.create');

  if (!mayCreate || !canAddToContacts(conversation)) return null;
  if (!open) {
    return (
      <Button onClick={() => setOpen(true)} aria-label={t('addToContacts.openFor', { address: conversation.address })}>
        {t('addToContacts.open')}
      </Button>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setError(t('addToContacts.nameNeeded'));
      document.getElementById(`${id}-name`)?.focus();
      return;
    }
    setSaving(true);
    const outcome = await callCommand(client, 'contacts.create', { name: name.trim(), addresses: [{ address: conversation.address, protocol: conversation.protocol }] });
    setSaving(false);
    if (!outcome.ok) {
      setError(errorWords(outcome.error));
      return;
    }
    toast.success(t('addToContacts.saved', { name: outcome.result.name }));
    setOpen(false);
    setName('');
    setError(null);
    void useConversations.getState().open(client, conversation.id);
    // The list row takes the name too (the merge into one entry per contact is the backend's).
    void useConversations.getState().load(client);
  };

  return (
    <form className="add-to-contacts" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)} noValidate>
      <TextField
        id={`${id}-name`}
        label={t('addToContacts.name', { address: conversation.address })}
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          setError(null);
        }}
        error={error ?? undefined}
        autoFocus
      />
      <div className="button-row">
        <Button type="submit" busy={saving}>
          {t('addToContacts.save')}
        </Button>
        <Button type="button" onClick={() => setOpen(false)}>
          {t('addToContacts.cancel')}
        </Button>
      </div>
    </form>
  );
}
