/**
 * "Pause automated sending" (issue 11): reminders and other automated scheduled sends wait, past
 * their time, until resumed (settings.automatedPaused; the dispatcher leaves them out of its
 * release: dispatcher.ts releaseDue). A nurse's own messages still go. The state is said in
 * words beside the button, so a paused desk is never a silent one. The button says what it will
 * do: "Pause automated sending" while sending, "Resume automated sending" while paused (a label
 * that changes, so no aria-pressed: that would read "Resume ..., pressed").
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/client-context.tsx';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useSettings } from '../../state/settings.ts';
import { toast } from '../../state/toasts.ts';
import { Button } from '../../ui/Button.tsx';

export function PauseAutomated() {
  const { t } = useTranslation('reminders');
  const client = useClient();
  const paused = useSettings((s) => s.settings?.automatedPaused ?? false);
  const [busy, setBusy] = useState(false);

  const toggle = async () => {
    setBusy(true);
    const outcome = await callCommand(client, 'settings.update', { automatedPaused: !paused });
    setBusy(false);
    if (!outcome.ok) {
      toast.error(errorWords(outcome.error));
      return;
    }
    useSettings.getState().set(outcome.result);
    toast.success(outcome.result.automatedPaused ? t('pause.pausedToast') : t('pause.resumedToast'));
  };

  return (
    <div className={paused ? 'reminders-pause reminders-pause--on' : 'reminders-pause'} role="status">
      <p>{paused ? t('pause.paused') : t('pause.running')}</p>
      <Button busy={busy} onClick={() => void toggle()}>
        {paused ? t('pause.resume') : t('pause.button')}
      </Button>
    </div>
  );
}
