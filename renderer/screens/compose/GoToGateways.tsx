/** A link to the Gateways screen, for the places that say "no modem can send this". */
import { useTranslation } from 'react-i18next';
import { navigate, routeHref } from '../../app/router.ts';

export function GoToGateways() {
  const { t } = useTranslation('compose');
  return (
    <a
      href={routeHref('gateways')}
      onClick={(e) => {
        e.preventDefault();
        navigate('gateways');
      }}
    >
      {t('goToGateways')}
    </a>
  );
}
