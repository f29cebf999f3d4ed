/**
 * The gateway panel's "E-mail" section: the mail server settings (email.updateSettings) and a
 * connection test (email.test). The password field is write-only: it starts empty, "leave empty
 * to keep" when one is saved, and the panel says how it is protected on this computer.
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmailSettingsDto, EmailTestResult } from '../../../src-shared/contract/dto.ts';
import { useClient } from '../../app/hooks.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { Button, TextField } from '../../ui/index.ts';
import { errorIssues } from '../settings/field-errors.ts';

type Security = EmailSettingsDto['security'];
const SECURITIES: readonly Security[] = ['starttls', 'tls', 'none'];
const DEFAULT_PORT: Record<Security, number> = { tls: 465, starttls: 587, none: 25 };

interface Form {
  host: string;
  port: string;
  security: Security;
  user: string;
  password: string;
  from: string;
  trustSelfSigned: boolean;
}

const toForm = (s: EmailSettingsDto): Form => ({ host: s.host, port: String(s.port), security: s.security, user: s.user, password: '', from: s.from, trustSelfSigned: s.trustSelfSigned });

export function EmailSettingsForm() {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const id = useId();
  const [settings, setSettings] = useState<EmailSettingsDto | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof Form | 'form', string>>>({});
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [saved, setSaved] = useState(false);
  const [test, setTest] = useState<EmailTestResult | null>(null);

  useEffect(() => {
    let live = true;
    void callCommand(client, 'email.getSettings', {}).then((outcome) => {
      if (!live) return;
      if (outcome.ok) {
        setSettings(outcome.result);
        setForm(toForm(outcome.result));
      } else setErrors({ form: errorWords(outcome.error) });
    });
    return () => {
      live = false;
    };
  }, [client]);

  if (!form) {
    return errors.form ? <p role="alert" className="form-error">{errors.form}</p> : null;
  }

  const change = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
    setSaved(false);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setTest(null);
    const port = Number(form.port);
    const found: typeof errors = {};
    if (form.host.trim() === '') found.host = t('email.hostMissing');
    if (!/^\d{1,5}$/.test(form.port.trim()) || port < 1 || port > 65535) found.port = t('email.portInvalid');
    if (form.from.trim() === '') found.from = t('email.fromMissing');
    if (Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    setBusy('save');
    const outcome = await callCommand(client, 'email.updateSettings', {
      host: form.host.trim(),
      port,
      security: form.security,
      user: form.user.trim(),
      ...(form.password === '' ? {} : { password: form.password }),
      from: form.from.trim(),
      trustSelfSigned: form.trustSelfSigned,
    });
    setBusy(null);
    if (outcome.ok) {
      setSettings(outcome.result);
      setForm(toForm(outcome.result));
      setSaved(true);
    } else {
      const next: typeof errors = {};
      for (const issue of errorIssues(outcome.error)) {
        const key = (['host', 'port', 'security', 'user', 'password', 'from'] as const).find((k) => issue.where === k || issue.where.startsWith(`${k}`));
        next[key ?? 'form'] = issue.message;
      }
      if (Object.keys(next).length === 0) next.form = errorWords(outcome.error);
      setErrors(next);
    }
  };

  const runTest = async () => {
    setTest(null);
    setBusy('test');
    const outcome = await callCommand(client, 'email.test', {});
    setBusy(null);
    setTest(outcome.ok ? outcome.result : { ok: false, code: outcome.error.code, message: errorWords(outcome.error) });
  };

  return (
    <section className="email-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('email.title')}</h2>
      <p className="field-hint">{t('email.intro')}</p>
      {settings?.source === 'command-line' ? <p role="note">{t('email.fromCommandLine')}</p> : null}
      <form className="settings-form" onSubmit={(e) => void save(e)} noValidate>
        <TextField label={t('email.host')} value={form.host} autoComplete="off" spellCheck={false} placeholder="mail.example.org" error={errors.host ?? null} onChange={(e) => change('host', e.target.value)} />
        <div className="field">
          <label htmlFor={`${id}-security`}>{t('email.security')}</label>
          <select
            id={`${id}-security`}
            className="input"
            value={form.security}
            onChange={(e) => {
              const security = e.target.value as Security;
              // Moving between the usual ports follows the mode; a port typed by hand stays.
              const usual = Object.values(DEFAULT_PORT).map(String).includes(form.port) || form.port === '';
              setForm((f) => (f ? { ...f, security, port: usual ? String(DEFAULT_PORT[security]) : f.port } : f));
              setSaved(false);
            }}
          >
            {SECURITIES.map((s) => (
              <option key={s} value={s}>
                {t(`email.securityOption.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField label={t('email.port')} value={form.port} inputMode="numeric" autoComplete="off" error={errors.port ?? null} onChange={(e) => change('port', e.target.value)} />
        <TextField label={t('email.user')} value={form.user} autoComplete="off" spellCheck={false} hint={t('email.userHint')} error={errors.user ?? null} onChange={(e) => change('user', e.target.value)} />
        <TextField
          label={t('email.password')}
          type="password"
          value={form.password}
          autoComplete="new-password"
          hint={`${settings?.passwordSet ? t('email.passwordKept') : t('email.passwordNone')} ${t(`email.protection.${settings?.protection ?? 'none'}`)}`}
          error={errors.password ?? null}
          onChange={(e) => change('password', e.target.value)}
        />
        <TextField label={t('email.from')} type="email" value={form.from} autoComplete="off" spellCheck={false} placeholder="clinic@example.org" error={errors.from ?? null} onChange={(e) => change('from', e.target.value)} />
        <div className="field">
          <label>
            <input type="checkbox" checked={form.trustSelfSigned} onChange={(e) => change('trustSelfSigned', e.target.checked)} /> {t('email.trustSelfSigned')}
          </label>
          <div className="field-hint">{t('email.trustSelfSignedHint')}</div>
        </div>
        {errors.form ? (
          <p role="alert" className="form-error">
            {errors.form}
          </p>
        ) : null}
        <div className="button-row">
          <Button type="submit" variant="primary" busy={busy === 'save'}>
            {t('email.save')}
          </Button>
          <Button busy={busy === 'test'} disabled={!settings?.configured} onClick={() => void runTest()}>
            {t('email.test')}
          </Button>
          {saved ? (
            <span role="status" className="saved-notice">
              {t('email.saved')}
            </span>
          ) : null}
        </div>
        {test ? (
          <p role={test.ok ? 'status' : 'alert'} className={test.ok ? 'email-test email-test--ok' : 'email-test form-error'}>
            {test.message}
          </p>
        ) : null}
      </form>
    </section>
  );
}
