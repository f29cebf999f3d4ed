/**
 * What a screen shows when loading its data failed: the words (already in the nurse's language,
 * e.g. `reminders:loadFailed` with errorWords) and "Try again", which calls `onRetry`. An alert,
 * so a screen reader says it when it appears. Used by the Reminders screen and a contact's
 * appointments (screens/reminders/RemindersScreen.tsx, screens/contacts/ContactAppointments.tsx).
 */
import { useTranslation } from 'react-i18next';
import { Button } from './Button.tsx';

export interface LoadErrorProps {
  /** What failed, in words. */
  message: string;
  onRetry: () => void;
}

export function LoadError({ message, onRetry }: LoadErrorProps) {
  const { t } = useTranslation('common');
  return (
    <div className="form-error" role="alert">
      <p>{message}</p>
      <Button onClick={onRetry}>{t('action.tryAgain')}</Button>
    </div>
  );
}
