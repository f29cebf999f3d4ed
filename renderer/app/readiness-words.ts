/**
 * Whether SMS can go (state/sms-readiness.ts) in words, the same in the header, Compose and the
 * Outbox: "Modem ready", "Waiting for the modem to be plugged in", "No modem yet" ...
 */
import type { TFunction } from 'i18next';
import { problemWords } from '../i18n/codes.ts';
import type { SmsReadiness } from '../state/sms-readiness.ts';

/** The header's short words (shell:gateway.*); null while nothing is known yet. */
export function readinessWords(t: TFunction, r: SmsReadiness): string | null {
  switch (r.kind) {
    case 'unknown':
      return null;
    case 'offline':
      return t('shell:gateway.offline');
    case 'ready':
      return t(r.demo ? 'shell:gateway.readyDemo' : 'shell:gateway.ready');
    case 'none':
      return t('shell:gateway.none');
    case 'disabled':
      return t('shell:gateway.disabled', { count: r.count });
    case 'waiting':
      return t('shell:gateway.waiting');
    case 'capped':
      return t('shell:gateway.capped');
    case 'starting':
      return t('shell:gateway.starting');
    case 'problem':
      return r.modem.problem ? problemWords(t, 'modem', r.modem.problem) : t(`shell:gateway.${r.modem.state}`);
    default:
      return r satisfies never;
  }
}
