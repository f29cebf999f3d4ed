/**
 * The three deletions by hand (issue 13 "Retention"), each a button and its confirmation
 * (ConfirmDelete.tsx): a message in a thread, a whole thread (all of the contact's numbers, as
 * the backend's conversations.delete), a contact with all their messages (contacts.erase;
 * Delete on the contact's form keeps the history and offers Undo). The lists, threads and the
 * Outbox drop what went when the `messages.deleted` event comes (app/sync.ts). Each is shown
 * only to a role that may call its command (src-shared/contract/access.ts: the administrator's).
 */
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/client-context.tsx';
import { callCommand } from '../../app/call.ts';
import { ConfirmDelete } from './ConfirmDelete.tsx';
import { useCan } from '../../state/session.ts';

export function DeleteMessage({ messageId }: { messageId: number }) {
  const { t } = useTranslation('deletion');
  const client = useClient();
  if (!useCan('messages.delete')) return null;
  return (
    <ConfirmDelete
      variant="secondary"
      label={t('message.action')}
      title={t('message.title')}
      body={<p>{t('message.body')}</p>}
      confirmLabel={t('message.confirm')}
      run={() => callCommand(client, 'messages.delete', { id: messageId })}
    />
  );
}

export function DeleteConversation({ conversationId, name, onDeleted }: { conversationId: number; name: string; onDeleted?: () => void }) {
  const { t } = useTranslation('deletion');
  const client = useClient();
  if (!useCan('conversations.delete')) return null;
  return (
    <ConfirmDelete
      label={t('conversation.action')}
      title={t('conversation.title')}
      body={<p>{t('conversation.body', { name })}</p>}
      confirmLabel={t('conversation.confirm')}
      run={() => callCommand(client, 'conversations.delete', { id: conversationId })}
      {...(onDeleted ? { onDeleted } : {})}
    />
  );
}

export function EraseContact({ contactId, name, onDeleted }: { contactId: number; name: string; onDeleted?: () => void }) {
  const { t } = useTranslation('deletion');
  const client = useClient();
  if (!useCan('contacts.erase')) return null;
  return (
    <ConfirmDelete
      variant="danger"
      label={t('contact.action')}
      title={t('contact.title', { name })}
      body={<p>{t('contact.body')}</p>}
      confirmLabel={t('contact.confirm')}
      run={() => callCommand(client, 'contacts.erase', { id: contactId })}
      {...(onDeleted ? { onDeleted } : {})}
    />
  );
}
