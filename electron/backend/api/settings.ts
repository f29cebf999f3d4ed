/** settings.*: the clinic's settings. The SIM PIN is write-only: only whether one is set comes back. */
import { type CountryCode, getCountryCallingCode, isSupportedCountry } from 'libphonenumber-js/max';
import type { SettingsDto } from '../../../src-shared/contract/dto.ts';
import { UjumbeError, ValidationError } from '../../../src-shared/errors.ts';
import { clinicTimeZone } from '../clinic-time-zone.ts';
import { defaultModemSearch } from '../gateways/modem/discovery/port-search.ts';
import type { Settings } from '../store/repositories/settings-repository.ts';
import type { Store } from '../store/store.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';

export function settingsDto(store: Store): SettingsDto {
  const s = store.settings.all();
  return {
    defaultCountry: s.defaultCountry,
    maxSmsParts: s.maxSmsParts,
    statusReports: s.statusReports,
    crashRecovery: s.crashRecovery,
    modemPinSet: s.modemPin !== null || s.modemPinSealed !== null,
    language: s.language,
    messageLanguage: s.messageLanguage,
    rejectCalls: s.rejectCalls,
    ussdBalanceCode: s.ussdBalanceCode,
    multipartTimeoutMinutes: s.multipartTimeoutMinutes,
    routing: s.routing,
    prefixRules: s.prefixRules.map((r) => ({ prefix: r.prefix, gatewayId: r.gatewayId })),
    autoAdoptModems: s.autoAdoptModems,
    modemSearch: s.modemSearch === null ? null : [...s.modemSearch],
    modemSearchDefault: defaultModemSearch(),
    lowSpaceMb: s.lowSpaceMb,
    deliveryReportWaitMinutes: s.deliveryReportWaitMinutes,
    timeZone: s.timeZone,
    clinicTimeZone: clinicTimeZone(s.timeZone),
    sendWindow: { start: s.sendWindow.start, end: s.sendWindow.end, days: [...s.sendWindow.days] },
    automatedPaused: s.automatedPaused,
    clinicName: s.clinicName,
    sensitiveWords: [...s.sensitiveWords],
    optOutWords: [...s.optOutWords],
    optInWords: [...s.optInWords],
    replyWords: {
      confirm: Object.fromEntries(Object.entries(s.replyWords.confirm).map(([l, w]) => [l, [...w]])),
      reschedule: Object.fromEntries(Object.entries(s.replyWords.reschedule).map(([l, w]) => [l, [...w]])),
    },
    autoRepliesPerDay: s.autoRepliesPerDay,
    startAtLogin: s.startAtLogin,
    retentionMonths: s.retentionMonths,
  };
}

/**
 * Numbers are stored in E.164, so a prefix is too: "00254…" -> "+254…", and a national one with
 * its trunk 0 ("0712") -> "+254712" for the default country. Anything else is kept as typed.
 */
export function e164Prefix(prefix: string, country: CountryCode): string {
  if (prefix.startsWith('00')) return `+${prefix.slice(2)}`;
  if (prefix.startsWith('0') && isSupportedCountry(country)) return `+${getCountryCallingCode(country)}${prefix.slice(1)}`;
  return prefix;
}

/**
 * update @throws ValidationError (defaultCountry: a country phone numbers cannot be read for);
 * the schema has already checked each field's form. All keys are written in one transaction.
 * A new modemPin is sealed by the host's SecretStore (never saved plain; `not-available` where
 * nothing can seal it) and used the next time a modem without a PIN of its own starts
 * (gateways.enterPin acts now). New search patterns are looked at at once.
 */
export function settingsHandlers({ backend }: HandlerContext): AreaHandlers<'settings'> {
  const { store } = backend;
  const secrets = backend.email.secretStore;
  return {
    'settings.get': () => settingsDto(store),

    'settings.update'(patch) {
      if (patch.defaultCountry !== undefined && !isSupportedCountry(patch.defaultCountry)) {
        throw new ValidationError([{ where: 'defaultCountry', rule: 'country.unknown', message: `Ujumbe does not know the phone numbers of "${patch.defaultCountry}".` }]);
      }
      const { modemPin, ...rest } = patch;
      const changes: Partial<Settings> = { ...rest };
      if (modemPin !== undefined) {
        if (modemPin !== null && !secrets) throw new UjumbeError('not-available', 'This computer has no safe place to keep the SIM PIN, so it was not saved. Enter it on the modem\'s card instead (kept until Ujumbe stops).');
        changes.modemPinSealed = modemPin === null ? null : secrets!.seal(modemPin);
        changes.modemPin = null;
      }
      if (patch.prefixRules !== undefined) {
        const country = (patch.defaultCountry ?? store.settings.get('defaultCountry')) as CountryCode;
        changes.prefixRules = patch.prefixRules.map((r) => ({ prefix: e164Prefix(r.prefix, country), gatewayId: r.gatewayId }));
      }
      store.transaction(() => {
        // Routing changes which gateway may take which row: the dispatcher looks again below.
        for (const [key, value] of Object.entries(changes) as Array<[keyof Settings, Settings[keyof Settings] | undefined]>) {
          if (value !== undefined) store.settings.set(key, value);
        }
      });
      // A new window, zone or a resume: rows held for the old window's opening are decided again now.
      if (patch.timeZone !== undefined || patch.sendWindow !== undefined || patch.automatedPaused !== undefined) backend.dispatcher.reconsiderScheduled();
      else if (patch.routing !== undefined || patch.prefixRules !== undefined) backend.dispatcher.notify();
      if (patch.modemSearch !== undefined || patch.autoAdoptModems !== undefined) void backend.detection?.scan(patch.modemSearch !== undefined);
      // A new threshold can change the disk's state (ok <-> low-space) at once.
      if (patch.lowSpaceMb !== undefined) backend.storage.thresholdChanged();
      // Retention turned on or changed: it runs now (the Settings panel showed the count first).
      if (patch.retentionMonths !== undefined) backend.retention.settingChanged();
      return settingsDto(store);
    },
  };
}
