/**
 * security.*: how the data is protected at rest, and the recovery code shown once
 * (store/database-key.ts). Without users yet (issue 13 "Users, roles, lock"), whoever sits at
 * the desk sees the code while it waits; once roles exist these are the administrator's.
 */
import { ConflictError } from '../../../src-shared/errors.ts';
import type { DataProtectionDto } from '../../../src-shared/contract/dto.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';

const PLAIN: DataProtectionDto = { encrypted: false, protection: null, recoveryCodePending: false };

export function securityHandlers({ backend }: HandlerContext): AreaHandlers<'security'> {
  const status = (): DataProtectionDto => backend.dataProtection?.status() ?? PLAIN;
  return {
    'security.status': () => status(),
    'security.recoveryCode': () => {
      const code = backend.dataProtection?.pendingCode() ?? null;
      if (code === null) throw new ConflictError('The recovery code was written down already and is kept nowhere now.', { reason: 'recovery-code-shown' });
      return { code };
    },
    'security.recoveryCodeSaved': () => {
      backend.dataProtection?.codeWrittenDown();
      return status();
    },
  };
}
