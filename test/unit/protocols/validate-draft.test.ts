import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src-shared/errors.ts';
import { DEFAULT_PROTOCOL_SETTINGS, validateDraft } from '../../../src-shared/protocols/index.ts';

const settings = { ...DEFAULT_PROTOCOL_SETTINGS, defaultCountry: 'KE' };

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('validateDraft', () => {
  it('normalises every recipient and measures the SMS content', () => {
    const draft = validateDraft(
      {
        content: 'Habari! Your appointment is tomorrow at 9.',
        recipients: [
          { address: '0712 345 678', protocol: 'sms', contactId: 7 },
          { address: 'Amina@Example.org', protocol: 'email' },
        ],
        subject: 'Appointment',
      },
      settings,
    );
    expect(draft.recipients).toEqual([
      { address: '+254712345678', protocol: 'sms', contactId: 7, input: '0712 345 678' },
      { address: 'Amina@example.org', protocol: 'email', contactId: null, input: 'Amina@Example.org' },
    ]);
    expect(draft.sms).toEqual({ encoding: 'gsm7', segments: 1 });
    expect(draft.subject).toBe('Appointment');
  });

  it('merges recipients that are the same number written two ways', () => {
    const draft = validateDraft(
      { content: 'Hi', recipients: [{ address: '0712345678', protocol: 'sms' }, { address: '+254 712 345 678', protocol: 'sms' }] },
      settings,
    );
    expect(draft.recipients).toHaveLength(1);
  });

  it('reports every bad recipient and the content problem together, naming each', () => {
    const issues = issuesOf(() =>
      validateDraft(
        {
          content: '',
          recipients: [
            { address: 'billybones', protocol: 'sms' },
            { address: '0712345678', protocol: 'sms' },
            { address: 'not-an-email', protocol: 'email' },
          ],
        },
        settings,
      ),
    );
    expect(issues.map((i) => [i.where, i.rule])).toEqual([
      ['billybones', 'phone.characters'],
      ['not-an-email', 'email.invalid'],
      ['message', 'content.empty'],
    ]);
  });

  it('rejects a message with no recipients', () => {
    expect(issuesOf(() => validateDraft({ content: 'Hi', recipients: [] }, settings))[0]?.rule).toBe('recipients.empty');
  });

  it('rejects an unknown protocol from a hostile caller', () => {
    const hostile = { content: 'Hi', recipients: [{ address: 'x', protocol: 'pigeon' }] } as never;
    expect(issuesOf(() => validateDraft(hostile, settings))[0]?.rule).toBe('protocol.unknown');
  });

  it('drops the subject when no e-mail recipient needs it', () => {
    expect(validateDraft({ content: 'Hi', subject: 'x', recipients: [{ address: '0712345678', protocol: 'sms' }] }, settings).subject).toBeNull();
  });

  it('serialises its error as data with every issue', () => {
    try {
      validateDraft({ content: 'Hi', recipients: [{ address: '12', protocol: 'sms' }] }, settings);
    } catch (err) {
      const data = (err as ValidationError).toData();
      expect(JSON.parse(JSON.stringify(data))).toMatchObject({ code: 'validation', details: { issues: [{ where: '12', rule: 'phone.invalid' }] } });
      return;
    }
    throw new Error('expected a ValidationError');
  });
});
