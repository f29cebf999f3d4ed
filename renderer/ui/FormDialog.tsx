/**
 * A Dialog whose body is one form (a new PIN, a user's PIN): Cancel and the submit button in the
 * footer, Enter in a field submits, and the form's own error (not a field's) under the fields as
 * an alert. The caller keeps the fields and their errors.
 */
import { useId, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button.tsx';
import { Dialog } from './Dialog.tsx';

export interface FormDialogProps {
  open?: boolean;
  title: string;
  onClose: () => void;
  onSubmit: (event: Pick<FormEvent, 'preventDefault'>) => void | Promise<void>;
  submitLabel: string;
  busy?: boolean;
  /** The error of the form as a whole (a refusal from the backend), or null. */
  formError?: string | null;
  children: ReactNode;
}

export function FormDialog({ open = true, title, onClose, onSubmit, submitLabel, busy = false, formError = null, children }: FormDialogProps) {
  const { t } = useTranslation('common');
  const formId = useId();
  const submit = (e: Pick<FormEvent, 'preventDefault'>) => void onSubmit(e);
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button type="submit" form={formId} variant="primary" busy={busy}>
            {submitLabel}
          </Button>
        </>
      }
    >
      {/* Enter submits: the dialog's button sits outside the form (form=), which not every engine submits on Enter. */}
      <form id={formId} onSubmit={submit} onKeyDown={(e) => e.key === 'Enter' && e.target instanceof HTMLInputElement && submit(e)} noValidate>
        {children}
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
