/**
 * Compose: To (chips), Subject (when an e-mail recipient is present), Message with a live SMS
 * counter, Send (Ctrl+Enter anywhere in the form). Errors appear where they happen: a
 * recipient's next to its chip, the message's under the box, anything else above Send.
 * Opted-out recipients are named under To (OptOutNotice.tsx); a personal message to the one
 * opted-out number is confirmed first and sent with sendToOptedOut, as is one the backend
 * refuses with recipient.opted-out. The draft stays until a send succeeds.
 */
import { useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/client-context.tsx';
import { callCommand } from '../../app/call.ts';
import { errorWords, validationIssues } from '../../app/errors.ts';
import { NO_COMPOSE_ISSUES, useCompose, type RecipientChip } from '../../state/compose.ts';
import { progressOf, useOutbox } from '../../state/outbox.ts';
import { useSettings } from '../../state/settings.ts';
import { toast } from '../../state/toasts.ts';
import { Button } from '../../ui/Button.tsx';
import { ProgressBar } from '../../ui/ProgressBar.tsx';
import { TextArea, TextField } from '../../ui/TextField.tsx';
import { MessageCounter } from './MessageCounter.tsx';
import { RecipientInput } from './RecipientInput.tsx';
import { SmsReadinessNote } from './SmsReadinessNote.tsx';
import { checkChip, chipFromText, chipProtocol, placeIssues, splitEntries, toRecipientInput, type ChipCheck, type ChipWords, type SendParams } from './recipients.ts';
import { GoToGateways } from './GoToGateways.tsx';
import { SendLater, laterInstant, useClinicTimeZone } from './SendLater.tsx';
import { chooseTemplate, TemplateDraft, TemplatePicker, templateSendParams, type ChosenTemplate } from './TemplatePicker.tsx';
import { formatClinicTime } from '../../ui/format.ts';
import { chipsKey, OptOutConfirm, OptOutNotice, soleOptedOut, useOptOuts } from './OptOutNotice.tsx';

/** A personal send to an opted-out number, waiting for the nurse to confirm it. */
interface PendingConfirm {
  params: SendParams;
  sendAt: string | undefined;
  /** A contact's name, else the number. */
  name: string;
  /** The number (E.164 when known), to find how it opted out. */
  phone: string;
}

/** "Sent 120 of 500" for a message with several recipients, live from status events. */
export function BulkProgress({ messageId }: { messageId: number }) {
  const { t } = useTranslation('outbox');
  const summary = useOutbox((s) => s.byId[messageId]);
  if (!summary || summary.recipientCount < 2) return null;
  const p = progressOf(summary);
  const label = t('progress', { sent: p.sent, total: p.total }) + (p.failed > 0 ? ` · ${t('progressFailed', { count: p.failed })}` : '');
  return <ProgressBar value={p.sent} max={p.total} label={label} tone={p.failed > 0 ? 'warning' : 'normal'} />;
}

export function ComposeScreen() {
  const { t, i18n } = useTranslation('compose');
  const client = useClient();
  const counterId = useId();
  const timeZone = useClinicTimeZone();
  const later = useCompose((s) => s.later.on);
  const toRef = useRef<HTMLInputElement>(null);
  const messageRef = useRef<HTMLTextAreaElement>(null);

  const chips = useCompose((s) => s.chips);
  const text = useCompose((s) => s.text);
  const subject = useCompose((s) => s.subject);
  const issues = useCompose((s) => s.issues);
  const lastSentId = useCompose((s) => s.lastSentId);
  const setText = useCompose((s) => s.setText);
  const setSubject = useCompose((s) => s.setSubject);
  const settings = useSettings((s) => s.protocol);
  const [sending, setSending] = useState(false);
  // Template mode (TemplatePicker.tsx): the backend fills each recipient's text.
  const [chosen, setChosen] = useState<ChosenTemplate | null>(null);
  const [templateError, setTemplateError] = useState<string | null>(null);
  // Opted-out recipients (OptOutNotice.tsx): checked as chips change, again when the backend says one is.
  const [consentRefresh, setConsentRefresh] = useState(0);
  const [confirm, setConfirm] = useState<PendingConfirm | null>(null);
  const cancelConfirmRef = useRef<HTMLButtonElement>(null);

  const words = useMemo<ChipWords>(
    () => ({
      shortCode: t('shortCode'),
      contactNoAddress: t('contactNoAddress'),
      groupEmpty: t('groupEmpty'),
      groupSize: (count) => t('groupSize', { count }),
    }),
    [t],
  );
  const checks = useMemo(
    () => chips.map((chip) => ({ chip, check: checkChip(chip, settings, words), serverIssues: issues.chips[chip.key] ?? [] })),
    [chips, settings, words, issues.chips],
  );
  const pendingProtocol = useCompose((s) => (s.pending.includes('@') ? 'email' : null));
  const hasEmail = pendingProtocol === 'email' || chips.some((c) => chipProtocol(c) === 'email');
  // An e-mail-only draft does not need a modem.
  const onlyEmail = chips.length > 0 && chips.every((c) => chipProtocol(c) === 'email');
  const optOuts = useOptOuts(client, checks, consentRefresh);

  const send = async () => {
    if (sending || confirm) return;
    const store = useCompose.getState();
    // What is still typed in To counts too: "type a number, press Send" works.
    if (store.pending.trim() !== '') {
      for (const entry of splitEntries(store.pending)) {
        const chip = chipFromText(entry, settings);
        if (chip) store.addChip(chip);
      }
      store.setPending('');
    }
    const current = useCompose.getState();
    const checked = current.chips.map((chip) => ({ chip, check: checkChip(chip, settings, words) }));
    if (checked.length === 0) {
      current.setIssues({ ...NO_COMPOSE_ISSUES, general: { code: 'no-recipients', message: t('noRecipients') } });
      toRef.current?.focus();
      return;
    }
    if (checked.some((c) => !c.check.ok)) {
      current.setIssues({ ...current.issues, general: { code: 'invalid-recipients', message: t('fixRecipients') } });
      toRef.current?.focus();
      return;
    }
    if (chosen === null && current.text.trim() === '') {
      current.setIssues({ ...NO_COMPOSE_ISSUES, message: [t('emptyMessage')] });
      messageRef.current?.focus();
      return;
    }
    let sendAt: string | undefined;
    if (current.later.on) {
      const when = laterInstant(current.later.date, current.later.time, timeZone, Date.now());
      if (!when.ok) {
        current.setIssues({ ...NO_COMPOSE_ISSUES, sendAt: [t(`later.problem.${when.problem}`)] });
        return;
      }
      sendAt = when.iso;
    }
    const filled = chosen === null ? null : templateSendParams(chosen, timeZone);
    if (filled && !filled.ok) {
      setTemplateError(t(`template.problem.${filled.problem}`));
      return;
    }
    setTemplateError(null);
    const withEmail = checked.some((c) => chipProtocol(c.chip) === 'email');
    const params: SendParams = {
      to: checked.map((c) => toRecipientInput(c.chip, c.check)),
      ...(filled ? filled.params : { text: current.text }),
      ...(withEmail && current.subject.trim() !== '' ? { subject: current.subject.trim() } : {}),
      ...(sendAt === undefined ? {} : { sendAt }),
    };

    // A personal message to the one number that opted out: asked first, sent only when confirmed.
    const sole = soleOptedOut(optOuts, chipsKey(checked));
    if (sole) {
      setConfirm({ params, sendAt, name: sole.label, phone: sole.consent.phone });
      return;
    }
    await dispatch(params, sendAt, checked);
  };

  const dispatch = async (params: SendParams, sendAt: string | undefined, checked: ReadonlyArray<{ chip: RecipientChip; check: ChipCheck }>) => {
    const current = useCompose.getState();
    setSending(true);
    current.setIssues(NO_COMPOSE_ISSUES);
    const outcome = await callCommand(client, 'messages.send', params);
    setSending(false);
    if (outcome.ok) {
      const receipt = outcome.result;
      const statusCounts: Partial<Record<(typeof receipt.recipients)[number]['status'], number>> = {};
      for (const r of receipt.recipients) statusCounts[r.status] = (statusCounts[r.status] ?? 0) + 1;
      useOutbox.getState().addSent({
        id: receipt.messageId,
        direction: 'out',
        content: receipt.messages?.[0]?.text ?? params.text ?? current.text,
        subject: params.subject ?? null,
        created: new Date().toISOString(),
        recipientCount: receipt.recipients.length,
        statusCounts,
        sendAt: sendAt ?? null,
      });
      useCompose.getState().clearDraft(receipt.recipients.length > 1 && sendAt === undefined ? receipt.messageId : null);
      setChosen(null);
      toast.success(
        sendAt === undefined
          ? t('queued', { count: receipt.recipients.length })
          : t('scheduled', { count: receipt.recipients.length, when: formatClinicTime(sendAt, i18n.language, timeZone) }),
      );
      const skipped = receipt.skipped ?? [];
      if (skipped.length > 0) {
        toast.info(t('skipped', { count: skipped.length, names: skipped.map((s) => s.name).join(', ') }), { timeoutMs: null });
      }
      toRef.current?.focus();
      return;
    }
    const error = outcome.error;
    const found = validationIssues(error);
    // The number opted out (maybe a second ago): the same question as before Send, not an error.
    const optedOut = found.length > 0 && found.every((i) => i.rule === 'recipient.opted-out') ? found[0] : undefined;
    if (optedOut && params.sendToOptedOut !== true) {
      const named = checked.find(({ chip, check }) => [check.address, chip.kind === 'address' ? chip.input : null].includes(optedOut.where)) ?? (checked.length === 1 ? checked[0] : undefined);
      setConfirm({ params, sendAt, name: named?.check.label ?? optedOut.where, phone: named?.check.address ?? optedOut.where });
      setConsentRefresh((n) => n + 1);
      return;
    }
    if (found.length > 0) {
      const placed = placeIssues(found, checked);
      useCompose.getState().setIssues(placed);
      if (Object.keys(placed.chips).length > 0) toRef.current?.focus();
      else if (placed.message.length > 0) messageRef.current?.focus();
    } else {
      useCompose.getState().setIssues({ ...NO_COMPOSE_ISSUES, general: { code: error.code, message: errorWords(error) } });
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <section className="screen compose" aria-labelledby="compose-title">
      <h1 id="compose-title">{t('title')}</h1>
      <form className="compose-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
        <RecipientInput checks={checks} inputRef={toRef} />
        <OptOutNotice state={optOuts} timeZone={timeZone} />
        {hasEmail && (
          <TextField label={t('subject')} value={subject} onChange={(e) => setSubject(e.target.value)} error={issues.subject.join(' ') || null} maxLength={998} />
        )}
        {chosen ? (
          <TemplateDraft chosen={chosen} onChange={setChosen} firstChip={chips[0]} timeZone={timeZone} error={templateError} onBack={() => { setChosen(null); setTemplateError(null); }} />
        ) : (
          <>
            <TextArea
              ref={messageRef}
              label={t('message')}
              rows={6}
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-describedby={counterId}
              error={issues.message.join(' ') || null}
            />
            <MessageCounter
              id={counterId}
              text={text}
              maxParts={settings.maxSmsParts}
              onReplace={(next) => {
                setText(next);
                messageRef.current?.focus();
              }}
            />
            <TemplatePicker onChoose={(template) => setChosen(chooseTemplate(template))} />
          </>
        )}
        <SendLater />
        {!onlyEmail && !later && !(issues.general?.code === 'no-gateway') && <SmsReadinessNote />}
        {issues.general && (
          <div className="form-error" role="alert">
            <p>{issues.general.message}</p>
            {issues.general.code === 'no-gateway' && (
              <GoToGateways />
            )}
          </div>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={sending}>
            {sending ? t('sending') : later ? t('later.schedule') : t('send')}
          </Button>
          <span className="shortcut-hint">{t('shortcut')}</span>
        </div>
      </form>
      {lastSentId !== null && <BulkProgress messageId={lastSentId} />}
      <OptOutConfirm
        open={confirm !== null}
        name={confirm?.name ?? ''}
        consent={(confirm && optOuts?.optedOut.find((o) => o.consent.phone === confirm.phone)?.consent) ?? null}
        timeZone={timeZone}
        busy={sending}
        cancelRef={cancelConfirmRef}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          if (!confirm) return;
          setConfirm(null);
          void dispatch({ ...confirm.params, sendToOptedOut: true }, confirm.sendAt, useCompose.getState().chips.map((chip) => ({ chip, check: checkChip(chip, settings, words) })));
        }}
      />
    </section>
  );
}
