/** Parsing of the modem options shared by the CLI commands that open a modem. */
import { PROFILE_IDS, type ProfileId } from '../backend/gateways/modem/profiles.ts';
import { UsageError } from './command.ts';

/** `--profile NAME` → a profile id or 'auto'. @throws UsageError for an unknown name. */
export function profileOption(value: string | undefined): ProfileId | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  if ((PROFILE_IDS as readonly string[]).includes(value)) return value as ProfileId;
  throw new UsageError(`unknown --profile "${value}"; use auto, ${PROFILE_IDS.join(', ')}`);
}
