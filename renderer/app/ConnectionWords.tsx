/**
 * The link to the backend in words, as the header and the start-up page show it: "Connected to
 * Ujumbe" (the state word in bold) — said of Ujumbe, so that beside "No modem yet" it is not read
 * as the modem's state.
 */
import { Trans, useTranslation } from 'react-i18next';

export function ConnectionWords({ state }: { state: string }) {
  const { t } = useTranslation('shell');
  return <Trans t={t} i18nKey={`connection.${state}`} components={{ state: <strong className="connection-state" /> }} />;
}
