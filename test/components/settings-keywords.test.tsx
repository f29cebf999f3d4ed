/**
 * Settings "Keyword rules" (each rule saved on its own with keywords.put / keywords.delete) and
 * "Replies to reminders" (replyWords per language and autoRepliesPerDay, saved with the form).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { GroupDto, KeywordRuleDto, SettingsDto, TemplateDto } from '../../src-shared/contract/dto.ts';
import { ValidationError } from '../../src-shared/errors.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { SettingsScreen } from '../../renderer/screens/settings/SettingsScreen.tsx';
import { formatWhen } from '../../renderer/ui/index.ts';
import { SETTINGS, resetScreens, setupScreen } from './contacts-harness.tsx';
import type { Stubs } from './contacts-harness.tsx';

afterEach(() => {
  resetScreens();
  setLanguage('en');
});

const AT = '2026-03-02T08:15:00.000Z';
const TEMPLATES: TemplateDto[] = [
  { id: 'hours', name: 'Opening hours', variants: { en: 'We are open 8 to 5.' }, discreetVariants: {}, fallbackLanguage: 'en', builtIn: false, updated: AT },
  { id: 'club', name: 'Club welcome', variants: { en: 'Welcome to the club.' }, discreetVariants: {}, fallbackLanguage: 'en', builtIn: false, updated: AT },
];
const GROUPS: GroupDto[] = [{ id: 4, name: 'Diabetes club', memberCount: 12 }];
const HOURS: KeywordRuleDto = { id: 1, keyword: 'HOURS', templateId: 'hours', groupId: null, enabled: true, fired: 7, lastFiredAt: AT, created: AT, updated: AT };
const CLUB: KeywordRuleDto = { id: 2, keyword: 'CLUB', templateId: null, groupId: 4, enabled: false, fired: 0, lastFiredAt: null, created: AT, updated: AT };

function backend(rules: KeywordRuleDto[], more: Stubs = {}) {
  let nextId = 10;
  return setupScreen({
    'settings.get': () => SETTINGS,
    'templates.list': () => ({ items: TEMPLATES }),
    'groups.list': () => GROUPS,
    'keywords.list': () => ({ items: rules }),
    'keywords.put': (p) => ({ id: p.id ?? nextId++, keyword: p.keyword.toUpperCase(), templateId: p.templateId, groupId: p.groupId ?? null, enabled: p.enabled ?? true, fired: 0, lastFiredAt: null, created: AT, updated: AT }),
    'keywords.delete': () => ({ deleted: true }),
    ...more,
  });
}

const section = () => screen.findByRole('region', { name: 'Keyword rules' });
const rowOf = (keyword: string) => within(screen.getByRole('table', { name: 'Keyword rules' })).getByRole('rowheader', { name: keyword }).closest('tr') as HTMLElement;
const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);
const dialog = (name: string) => screen.findByRole('dialog', { name });
const errorOf = (control: HTMLElement) => {
  const errorId = control.getAttribute('aria-describedby')?.split(' ').find((x) => x.endsWith('-error'));
  return errorId ? document.getElementById(errorId)?.textContent : null;
};
const toastText = async (text: string) => expect((await screen.findAllByRole('status')).some((s) => s.textContent?.includes(text))).toBe(true);

describe('Settings: keyword rules', () => {
  it('lists the rules with their template and group names, on or off, and how often they fired', async () => {
    backend([HOURS, CLUB]).render(<SettingsScreen />);
    await section();
    await screen.findByRole('table', { name: 'Keyword rules' });
    expect(cells(rowOf('HOURS'))).toEqual(['Opening hours', 'No group', 'On', `Used 7 times, last on ${formatWhen(AT, 'en')}`, 'EditDelete']);
    expect(cells(rowOf('CLUB'))).toEqual(['No answer', 'Diabetes club', 'Off', 'Not used yet', 'EditDelete']);
    // Sorted by keyword; each row's buttons say which rule.
    expect(within(screen.getByRole('table')).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['CLUB', 'HOURS']);
    expect(within(rowOf('HOURS')).getByRole('button', { name: 'Edit rule HOURS' })).toBeTruthy();
    expect(within(rowOf('HOURS')).getByRole('button', { name: 'Delete rule HOURS' })).toBeTruthy();
  });

  it('says when there is no rule yet, and speaks Swahili', async () => {
    backend([]).render(<SettingsScreen />);
    expect(await screen.findByText(/No keyword rules yet/)).toBeTruthy();
    setLanguage('sw');
    expect(await screen.findByRole('region', { name: 'Maneno maalum' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ongeza kanuni ya neno' })).toBeTruthy();
  });

  it('adds a rule: sends exactly keyword, template, group and on, then shows it and says so', async () => {
    const user = userEvent.setup();
    const h = backend([HOURS]);
    h.render(<SettingsScreen />);
    await screen.findByRole('table', { name: 'Keyword rules' });
    await user.click(screen.getByRole('button', { name: 'Add a keyword rule' }));
    const editor = await dialog('New keyword rule');
    const keyword = within(editor).getByRole('textbox', { name: 'Keyword' });
    expect(document.activeElement).toBe(keyword);
    // Neither a template nor a group: refused before asking, at the template.
    await user.type(keyword, 'Dawa');
    await user.click(within(editor).getByRole('button', { name: 'Save rule' }));
    const template = within(editor).getByRole('combobox', { name: 'Answer with template' });
    await waitFor(() => expect(template.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(template)).toBe('Choose a template to answer with, a group to add the sender to, or both.');
    expect(h.callsOf('keywords.put')).toEqual([]);

    await user.selectOptions(template, 'Club welcome');
    expect(template.getAttribute('aria-invalid')).toBeNull();
    await user.selectOptions(within(editor).getByRole('combobox', { name: 'Add the sender to group' }), 'Diabetes club');
    await user.click(within(editor).getByRole('button', { name: 'Save rule' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(h.callsOf('keywords.put')).toEqual([{ keyword: 'Dawa', templateId: 'club', groupId: 4, enabled: true }]);
    expect(cells(rowOf('DAWA'))).toEqual(['Club welcome', 'Diabetes club', 'On', 'Not used yet', 'EditDelete']);
    await toastText('Rule DAWA added.');
  });

  it('refuses a keyword that is not one word before asking', async () => {
    const user = userEvent.setup();
    const h = backend([]);
    h.render(<SettingsScreen />);
    await user.click(await screen.findByRole('button', { name: 'Add a keyword rule' }));
    const editor = await dialog('New keyword rule');
    await user.type(within(editor).getByRole('textbox', { name: 'Keyword' }), 'opening hours');
    await user.selectOptions(within(editor).getByRole('combobox', { name: 'Answer with template' }), 'Opening hours');
    await user.click(within(editor).getByRole('button', { name: 'Save rule' }));
    const keyword = within(editor).getByRole('textbox', { name: 'Keyword' });
    await waitFor(() => expect(keyword.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(keyword)).toBe('A keyword is one word, without spaces, such as HOURS.');
    expect(h.callsOf('keywords.put')).toEqual([]);
  });

  it('shows a keyword.taken refusal at the keyword, in words, in English and in Swahili', async () => {
    const user = userEvent.setup();
    const h = backend([HOURS], {
      'keywords.put': () => {
        throw new ValidationError([{ where: 'keyword', rule: 'keyword.taken', message: 'backend words' }]);
      },
    });
    h.render(<SettingsScreen />);
    await screen.findByRole('table', { name: 'Keyword rules' });
    await user.click(screen.getByRole('button', { name: 'Add a keyword rule' }));
    let editor = await dialog('New keyword rule');
    await user.type(within(editor).getByRole('textbox', { name: 'Keyword' }), 'hours');
    await user.selectOptions(within(editor).getByRole('combobox', { name: 'Answer with template' }), 'Opening hours');
    await user.click(within(editor).getByRole('button', { name: 'Save rule' }));
    let keyword = within(editor).getByRole('textbox', { name: 'Keyword' });
    await waitFor(() => expect(keyword.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(keyword)).toBe('There is already a rule for HOURS. Edit that rule, or choose another keyword.');
    expect(document.activeElement).toBe(keyword);
    expect(screen.queryByText('backend words')).toBeNull();
    expect(h.callsOf('keywords.put')).toEqual([{ keyword: 'hours', templateId: 'hours', groupId: null, enabled: true }]);
    // Typing clears it; cancelling closes the editor and nothing is listed twice.
    await user.type(keyword, 'x');
    expect(keyword.getAttribute('aria-invalid')).toBeNull();
    await user.click(within(editor).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(screen.getByRole('table')).getAllByRole('rowheader')).toHaveLength(1);

    setLanguage('sw');
    await user.click(await screen.findByRole('button', { name: 'Ongeza kanuni ya neno' }));
    editor = await dialog('Kanuni mpya ya neno');
    await user.type(within(editor).getByRole('textbox', { name: 'Neno' }), 'hours');
    await user.selectOptions(within(editor).getByRole('combobox', { name: 'Jibu kwa kiolezo' }), 'Opening hours');
    await user.click(within(editor).getByRole('button', { name: 'Hifadhi kanuni' }));
    keyword = within(editor).getByRole('textbox', { name: 'Neno' });
    await waitFor(() => expect(errorOf(keyword)).toBe('Tayari kuna kanuni ya HOURS. Badilisha kanuni hiyo, au chagua neno jingine.'));
  });

  it('edits a rule: sends its id with the whole rule', async () => {
    const user = userEvent.setup();
    const h = backend([HOURS, CLUB]);
    h.render(<SettingsScreen />);
    await screen.findByRole('table', { name: 'Keyword rules' });
    await user.click(screen.getByRole('button', { name: 'Edit rule CLUB' }));
    const editor = await dialog('Edit rule CLUB');
    expect((within(editor).getByRole('textbox', { name: 'Keyword' }) as HTMLInputElement).value).toBe('CLUB');
    expect((within(editor).getByRole('combobox', { name: 'Add the sender to group' }) as HTMLSelectElement).value).toBe('4');
    const on = within(editor).getByRole('checkbox', { name: 'The rule is on' }) as HTMLInputElement;
    expect(on.checked).toBe(false);
    await user.click(on);
    await user.click(within(editor).getByRole('button', { name: 'Save rule' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(h.callsOf('keywords.put')).toEqual([{ id: 2, keyword: 'CLUB', templateId: null, groupId: 4, enabled: true }]);
    expect(cells(rowOf('CLUB'))[2]).toBe('On');
    await toastText('Rule CLUB saved.');
    // Back on the button that opened it.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit rule CLUB' }));
  });

  it('asks before deleting, and sends keywords.delete only when confirmed', async () => {
    const user = userEvent.setup();
    const h = backend([HOURS, CLUB]);
    h.render(<SettingsScreen />);
    await screen.findByRole('table', { name: 'Keyword rules' });
    await user.click(screen.getByRole('button', { name: 'Delete rule HOURS' }));
    let ask = await dialog('Delete rule HOURS?');
    expect(ask.textContent).toMatch(/Replies that start with HOURS will no longer be answered/);
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Cancel' }));
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(h.callsOf('keywords.delete')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Delete rule HOURS' }));
    expect(await dialog('Delete rule HOURS?')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(h.callsOf('keywords.delete')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Delete rule HOURS' }));
    ask = await dialog('Delete rule HOURS?');
    await user.click(within(ask).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'HOURS' })).toBeNull());
    expect(h.callsOf('keywords.delete')).toEqual([{ id: 1 }]);
    expect(screen.queryByRole('dialog')).toBeNull();
    await toastText('Rule HOURS deleted.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add a keyword rule' }));
  });

  it('is not saved by "Save settings"', async () => {
    const user = userEvent.setup();
    const h = backend([HOURS]);
    h.render(<SettingsScreen />);
    await screen.findByRole('table', { name: 'Keyword rules' });
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('status')).textContent).toBe('Nothing has changed.');
    expect(h.callsOf('keywords.put')).toEqual([]);
    expect(h.callsOf('settings.update')).toEqual([]);
  });
});

describe('Settings: replies to reminders', () => {
  function updating(initial: SettingsDto, more: Stubs = {}) {
    let current = initial;
    return setupScreen({
      'settings.get': () => current,
      'settings.update': (patch) => {
        current = { ...current, ...(patch as Partial<SettingsDto>) };
        return current;
      },
      'keywords.list': () => ({ items: [] }),
      'templates.list': () => ({ items: [] }),
      'groups.list': () => [],
      ...more,
    });
  }
  const words = (name: string) => screen.getByRole('textbox', { name }) as HTMLTextAreaElement;
  const limit = () => screen.getByRole('spinbutton', { name: 'Most automatic answers to one number in a day' }) as HTMLInputElement;

  it('shows each language by name, sends the whole changed replyWords and the daily limit, then nothing', async () => {
    const user = userEvent.setup();
    const h = updating(SETTINGS);
    h.render(<SettingsScreen />);
    const group = await screen.findByRole('group', { name: 'Replies to reminders' });
    await waitFor(() => expect(words('Words that confirm (Kiswahili)').value).toBe('NDIO\nNDIYO'));
    expect(within(group).getAllByRole('textbox').map((x) => (x as HTMLTextAreaElement).labels?.[0]?.textContent)).toEqual([
      'Words that confirm (English)',
      'Words that ask for another time (English)',
      'Words that confirm (Kiswahili)',
      'Words that ask for another time (Kiswahili)',
      'Words that confirm (French)',
      'Words that ask for another time (French)',
    ]);
    expect(words('Words that ask for another time (French)').value).toBe('NON');
    expect(limit().value).toBe('3');
    expect(document.getElementById(limit().getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toMatch(/so two machines never answer each other for ever/);

    // The same words laid out differently send nothing.
    await user.clear(words('Words that confirm (English)'));
    await user.type(words('Words that confirm (English)'), ' 1, YES ,CONFIRM{Enter}');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('status')).textContent).toBe('Nothing has changed.');

    await user.type(words('Words that confirm (Kiswahili)'), ', sawa');
    await user.clear(words('Words that ask for another time (French)'));
    await user.clear(limit());
    await user.type(limit(), '5');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(h.callsOf('settings.update')).toEqual([
      {
        replyWords: { confirm: { en: ['1', 'YES', 'CONFIRM'], sw: ['NDIO', 'NDIYO', 'sawa'], fr: ['OUI', 'CONFIRMER'] }, reschedule: { en: ['2', 'NO', 'RESCHEDULE'], sw: ['HAPANA'], fr: [] } },
        autoRepliesPerDay: 5,
      },
    ]);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('status')).textContent).toBe('Nothing has changed.');
    expect(h.callsOf('settings.update')).toHaveLength(1);
  });

  it('refuses a daily limit over 50 before asking, at the field', async () => {
    const user = userEvent.setup();
    const h = updating(SETTINGS);
    h.render(<SettingsScreen />);
    await screen.findByRole('group', { name: 'Replies to reminders' });
    await waitFor(() => expect(limit().value).toBe('3'));
    await user.clear(limit());
    await user.type(limit(), '51');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(limit().getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(limit())).toBe('Write a whole number from 0 to 50.');
    expect(document.activeElement).toBe(limit());
    expect(h.callsOf('settings.update')).toEqual([]);
  });

  it('shows a refused word next to its language’s list', async () => {
    const user = userEvent.setup();
    const h = updating(SETTINGS, {
      'settings.update': () => {
        throw new ValidationError([{ where: 'replyWords.confirm.sw.2', rule: 'word.both', message: 'HAPANA is also a word that asks for another time.' }]);
      },
    });
    h.render(<SettingsScreen />);
    await screen.findByRole('group', { name: 'Replies to reminders' });
    await waitFor(() => expect(words('Words that confirm (Kiswahili)').value).toBe('NDIO\nNDIYO'));
    await user.type(words('Words that confirm (Kiswahili)'), '{Enter}HAPANA');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    const sw = words('Words that confirm (Kiswahili)');
    await waitFor(() => expect(sw.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(sw)).toBe('HAPANA is also a word that asks for another time.');
    expect(words('Words that confirm (English)').getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(sw);
  });

  it('speaks Swahili', async () => {
    updating(SETTINGS).render(<SettingsScreen />);
    setLanguage('sw');
    expect(await screen.findByRole('group', { name: 'Majibu ya vikumbusho' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Maneno ya kuthibitisha (Kiingereza)' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Maneno ya kuomba siku nyingine (Kifaransa)' })).toBeTruthy();
  });
});
