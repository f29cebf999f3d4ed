/**
 * "Add by port name" (gateways.addPort): for a modem detection does not find by itself, or one
 * that was forgotten. One field, "Port name" (/dev/ttyUSB2, COM4); the contract is the judge of
 * the name, and what it refuses is said under the field, as is a port another gateway already has.
 * Cancel or Escape closes the form and puts the keyboard back on the button that opened it.
 */
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { callCommand } from '../../app/call.ts';
import { errorWords, validationIssues } from '../../app/errors.ts';
import { useClient } from '../../app/hooks.ts';
import { useGateways } from '../../state/gateways.ts';
import { toast } from '../../state/toasts.ts';
import { Button, TextField } from '../../ui/index.ts';
import { portBaseName } from './names.ts';

export function AddPortForm() {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const id = useId();
  const apply = useGateways((s) => s.apply);
  const [open, setOpen] = useState(false);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);

  const close = () => {
    setOpen(false);
    setPath('');
    setError(null);
    toggle.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const outcome = await callCommand(client, 'gateways.addPort', { path });
    setBusy(false);
    if (!outcome.ok) {
      // The schema's rule for an empty name is worded here; its other rules keep the contract's words.
      const issue = validationIssues(outcome.error).find((i) => i.where === 'path' || i.where === '(parameters)');
      if (issue) setError(issue.rule === 'too_small' ? t('addPort.empty') : issue.message);
      else setError(errorWords(outcome.error, { conflict: t('addPort.conflict') }));
      return;
    }
    apply(outcome.result);
    toast.success(t('addPort.added', { port: portBaseName(path.trim()) }));
    close();
  };

  return (
    <div className="add-port">
      <Button ref={toggle} aria-expanded={open} aria-controls={open ? `${id}-form` : undefined} onClick={() => (open ? close() : setOpen(true))}>
        {t('addPort.open')}
      </Button>
      {open ? (
        <form id={`${id}-form`} className="add-port__form" onSubmit={(e) => void add(e)} onKeyDown={onKeyDown} noValidate aria-label={t('addPort.open')}>
          <TextField
            label={t('addPort.label')}
            value={path}
            placeholder="/dev/ttyUSB2"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            hint={t('addPort.hint')}
            error={error}
            onChange={(e) => {
              setPath(e.target.value);
              setError(null);
            }}
          />
          <div className="button-row">
            <Button type="submit" variant="primary" busy={busy}>
              {t('addPort.submit')}
            </Button>
            <Button onClick={close}>{t('common:action.cancel')}</Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
