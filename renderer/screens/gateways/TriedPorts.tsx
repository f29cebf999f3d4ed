/**
 * What detection tried, port by port, in plain words (DiscoveryDto.ports): "ttyUSB0: no answer",
 * "ttyUSB2: Huawei E3131 — in use", "ttyACM0: permission denied — run … and log in again". The
 * port's short name leads; its full path (and the system's own words, for a technician) follow.
 * A program the field check found holding a busy port is named.
 */
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { PortFindingDto, PortOutcome } from '../../../src-shared/contract/dto.ts';
import { errorWords } from '../../app/errors.ts';
import { portOutcomeWords } from '../../i18n/codes.ts';
import { useGateways } from '../../state/gateways.ts';
import { modemName, portBaseName } from './names.ts';

/** Outcomes that need a person, with what usually fixes them. */
const FIX_KEYS: Partial<Record<PortOutcome, string>> = {
  'permission-denied': 'gateways:ports.fix.permission-denied',
  'port-busy': 'gateways:ports.fix.port-busy',
};

/** Outcomes where the port is a known modem, so its name is said first. */
const NAMED: ReadonlySet<PortOutcome> = new Set(['in-use', 'second-port', 'offered', 'ignored', 'disabled']);

function PortLine({ port, heldBy }: { port: PortFindingDto; heldBy: string | undefined }) {
  const { t } = useTranslation('gateways');
  const base = portBaseName(port.path);
  const name = NAMED.has(port.outcome) ? modemName(port.manufacturer, port.model) : null;
  const fixKey = FIX_KEYS[port.outcome];
  let fix: ReactNode = null;
  if (fixKey) {
    fix = (
      <>
        {' — '}
        <Trans t={t} i18nKey={fixKey} context={heldBy ? 'program' : undefined} values={{ program: heldBy ?? '' }} components={{ code: <code /> }} />
      </>
    );
  }
  const more = [port.path !== base ? port.path : null, port.technical].filter(Boolean).join(' · ');
  return (
    <li className={`tried-port tried-port--${port.outcome}`} title={port.path}>
      <p className="tried-port__line">
        <span className="tried-port__name">{base}</span>: {name ? `${name} — ` : ''}
        {portOutcomeWords(t, port.outcome)}
        {fix}
      </p>
      {more ? <p className="tried-port__path">{more}</p> : null}
    </li>
  );
}

export function TriedPorts({ heldBy, titleId }: { heldBy: ReadonlyMap<string, string>; titleId: string }) {
  const { t } = useTranslation('gateways');
  const discovery = useGateways((s) => s.discovery);
  const error = useGateways((s) => s.discoveryError);
  if (!discovery) {
    return error ? (
      <p role="alert" className="form-error">
        {t('ports.loadFailed', { message: errorWords(error) })}
      </p>
    ) : null;
  }
  if (discovery.ports.length === 0) {
    return <p className="tried-ports__empty">{discovery.scanning ? t('look.scanning') : discovery.lastScanAt ? t('ports.none') : t('ports.notYet')}</p>;
  }
  return (
    <ul className="tried-ports" aria-labelledby={titleId}>
      {discovery.ports.map((p) => (
        <PortLine key={p.path} port={p} heldBy={heldBy.get(p.path)} />
      ))}
    </ul>
  );
}
