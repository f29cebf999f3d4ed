/** settings.*: the clinic's settings. The SIM PIN is write-only: only whether one is set comes back. */
import { isSupportedCountry } from 'libphonenumber-js/max';
import type { SettingsDto } from '../../../src-shared/contract/dto.ts';
import { ValidationError } from '../../../src-shared/errors.ts';
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
    modemPinSet: s.modemPin !== null,
    language: s.language,
  };
}

/**
 * update @throws ValidationError (defaultCountry: a country phone numbers cannot be read for);
 * the schema has already checked each field's form. All keys are written in one transaction.
 * A new modemPin is used the next time the backend starts its modems (gateways.enterPin acts now).
 */
export function settingsHandlers({ backend }: HandlerContext): AreaHandlers<'settings'> {
  const { store } = backend;
  return {
    'settings.get': () => settingsDto(store),

    'settings.update'(patch) {
      if (patch.defaultCountry !== undefined && !isSupportedCountry(patch.defaultCountry)) {
        throw new ValidationError([{ where: 'defaultCountry', rule: 'country.unknown', message: `Ujumbe does not know the phone numbers of "${patch.defaultCountry}".` }]);
      }
      const changes: Partial<Settings> = patch;
      store.transaction(() => {
        for (const [key, value] of Object.entries(changes) as Array<[keyof Settings, Settings[keyof Settings] | undefined]>) {
          if (value !== undefined) store.settings.set(key, value);
        }
      });
      return settingsDto(store);
    },
  };
}
