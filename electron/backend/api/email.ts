/**
 * email.*: the e-mail gateway's settings in the gateway panel. The password is write-only
 * (only `passwordSet` comes back). Saving (re)starts the e-mail gateway in the running backend:
 * the first time it is added through the GatewayManager so its status events reach the UI.
 */
import { UjumbeError, ValidationError } from '../../../src-shared/errors.ts';
import { checkEmailAddress } from '../../../src-shared/protocols/email.ts';
import { EMAIL_GATEWAY_ID } from '../gateways/email/email-config.ts';
import { EmailGateway } from '../gateways/email/email-gateway.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';

/**
 * @throws ValidationError from updateSettings (a From address that is not one).
 * @throws UjumbeError `not-available` from updateSettings when a password is given and this host
 *   has no safe place for it; `not-configured` from test when no mail server is set.
 */
export function emailHandlers({ backend }: HandlerContext): AreaHandlers<'email'> {
  const { email } = backend;
  const current = (): EmailGateway | undefined => {
    const gateway = backend.manager.gateway(EMAIL_GATEWAY_ID);
    return gateway instanceof EmailGateway ? gateway : undefined;
  };

  return {
    'email.getSettings': () => email.dto(),

    async 'email.updateSettings'(input) {
      const from = checkEmailAddress(input.from);
      if (!from.ok) throw new ValidationError([{ ...from.issue, where: 'from' }]);
      const config = email.save({ ...input, from: from.address }, () =>
        new UjumbeError('not-available', 'This computer has no safe place to keep the password, so it was not saved.'));
      const gateway = current();
      if (gateway) {
        await gateway.reconfigure(config);
        // A gateway stopped because it needed a person (wrong password) starts again with the new settings.
        if (gateway.status().state !== 'running') await gateway.start();
      } else {
        const added = email.gatewayFor(config);
        backend.manager.addBuilt(added);
        await added.start();
      }
      return email.dto();
    },

    async 'email.test'() {
      const config = email.config();
      if (!config) throw new UjumbeError('not-configured', 'No mail server is set yet.');
      return (current() ?? email.gatewayFor(config)).test(config);
    },
  };
}
