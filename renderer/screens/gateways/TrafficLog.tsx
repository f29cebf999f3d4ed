/**
 * The technician's view of one modem: its last AT lines (gateways.traffic), numbers and texts
 * masked until a person asks to see them (the PIN stays masked even then), and a download for
 * support that says in its name and first line whether it is masked.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrafficEntryDto, TrafficLogDto } from '../../../src-shared/contract/dto.ts';
import { useClient } from '../../app/hooks.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { Button } from '../../ui/index.ts';
import { downloadText } from '../../ui/download.ts';

const ARROW: Record<TrafficEntryDto['direction'], string> = { out: '<-', in: '->', urc: '=>' };

/** "ujumbe-at-traffic-modem-dev-ttyUSB2-masked-2026-11-25T17-40-00Z.txt" */
export function trafficFileName(gatewayId: string, masked: boolean, now: Date = new Date()): string {
  const id = gatewayId.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  return `ujumbe-at-traffic-${id}-${masked ? 'masked' : 'REVEALED'}-${stamp}.txt`;
}

/** A header line, then one line per entry: time, direction (<- written, -> answer, => unsolicited), text. */
export function trafficFileText(gatewayId: string, log: TrafficLogDto, now: Date = new Date()): string {
  const header = `# Ujumbe AT traffic, gateway ${gatewayId}, ${now.toISOString()}, ${log.masked ? 'numbers and texts masked' : 'numbers and texts REVEALED'}, ${log.entries.length} lines`;
  return [header, ...log.entries.map((e) => `${e.at} ${ARROW[e.direction]} ${e.line}`)].join('\n') + '\n';
}

function download(text: string, fileName: string): void {
  downloadText([text], fileName, 'text/plain;charset=utf-8');
}

export function TrafficLog({ gatewayId }: { gatewayId: string }) {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reveal, setReveal] = useState(false);
  const [log, setLog] = useState<TrafficLogDto | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async (show: boolean) => {
    setBusy(true);
    setError(null);
    const outcome = await callCommand(client, 'gateways.traffic', { id: gatewayId, reveal: show });
    setBusy(false);
    if (outcome.ok) setLog(outcome.result);
    else setError(t('traffic.loadFailed', { message: errorWords(outcome.error) }));
  };

  if (!open) {
    return (
      <div className="button-row">
        <Button
          variant="quiet"
          onClick={() => {
            setOpen(true);
            void load(reveal);
          }}
        >
          {t('traffic.show')}
        </Button>
      </div>
    );
  }

  return (
    <section className="traffic-log" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('traffic.title')}</h3>
      <div className="button-row">
        <Button
          aria-pressed={reveal}
          onClick={() => {
            const next = !reveal;
            setReveal(next);
            void load(next);
          }}
        >
          {t('traffic.reveal')}
        </Button>
        <Button busy={busy} onClick={() => void load(reveal)}>
          {t('traffic.refresh')}
        </Button>
        <Button disabled={!log} onClick={() => log && download(trafficFileText(gatewayId, log), trafficFileName(gatewayId, log.masked))}>
          {t('traffic.download')}
        </Button>
        <Button variant="quiet" onClick={() => setOpen(false)}>
          {t('traffic.hide')}
        </Button>
      </div>
      <p className="traffic-log__note">{log && !log.masked ? t('traffic.revealedNote') : t('traffic.maskedNote')}</p>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {log && log.entries.length === 0 ? <p>{t('traffic.empty')}</p> : null}
      {log && log.entries.length > 0 ? (
        <ol className="traffic-log__lines" aria-label={t('traffic.title')} tabIndex={0}>
          {log.entries.map((e, i) => (
            <li key={i} className={`traffic-log__line traffic-log__line--${e.direction}`}>
              <span className="traffic-log__time">{e.at.slice(11, 23)}</span> <span aria-label={t(`traffic.direction.${e.direction}`)}>{ARROW[e.direction]}</span> {e.line}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
