/**
 * The templates and the plan a clinic has before it writes its own (issue 11: "the default plan
 * is two steps: the day before at 09:00 and on the day at 07:00, with built-in English, Swahili
 * and French texts"). Seeded at each start with INSERT OR IGNORE, so a clinic's edits are kept;
 * the discreet variants name no service, place or result.
 */
import { DEFAULT_PLAN } from '../../../src-shared/schedule/reminder-plan.ts';
import type { Store } from '../store/store.ts';
import type { TemplateRecord } from '../store/repositories/template-repository.ts';

export const BUILT_IN_TEMPLATES: ReadonlyArray<Omit<TemplateRecord, 'builtIn' | 'updated'>> = [
  {
    id: 'reminder-day-before',
    name: 'Reminder: the day before',
    fallbackLanguage: 'en',
    variants: {
      en: 'Hello {first_name}, a reminder: your appointment at the clinic is tomorrow, {day} {date}, at {time}.',
      sw: 'Habari {first_name}, kumbusho: miadi yako kliniki ni kesho, {day} {date}, {time}.',
      fr: 'Bonjour {first_name}, rappel : votre rendez-vous à la clinique est demain, {day} {date}, à {time}.',
    },
    discreetVariants: {
      en: 'Reminder: you have an appointment tomorrow at {time}.',
      sw: 'Kumbusho: una miadi kesho {time}.',
      fr: 'Rappel : vous avez un rendez-vous demain à {time}.',
    },
  },
  {
    id: 'reminder-on-the-day',
    name: 'Reminder: on the day',
    fallbackLanguage: 'en',
    variants: {
      en: 'Hello {first_name}, your appointment at the clinic is today at {time}.',
      sw: 'Habari {first_name}, miadi yako kliniki ni leo {time}.',
      fr: "Bonjour {first_name}, votre rendez-vous à la clinique est aujourd'hui à {time}.",
    },
    discreetVariants: {
      en: 'Reminder: appointment today at {time}.',
      sw: 'Kumbusho: miadi leo {time}.',
      fr: "Rappel : rendez-vous aujourd'hui à {time}.",
    },
  },
  {
    // For a plan's "N days after, if not marked attended" step (none in the default plan).
    id: 'missed-appointment',
    name: 'Missed appointment',
    fallbackLanguage: 'en',
    variants: {
      en: 'Hello {first_name}, we missed you at the clinic on {day} {date}. Please call us or come in to book a new appointment.',
      sw: 'Habari {first_name}, hukufika kliniki {day} {date}. Tafadhali tupigie simu au uje kupanga miadi mpya.',
      fr: 'Bonjour {first_name}, vous n’êtes pas venu à la clinique le {day} {date}. Appelez-nous ou passez pour prendre un nouveau rendez-vous.',
    },
    discreetVariants: {
      en: 'We missed you on {date}. Please contact us to book again.',
      sw: 'Hukufika {date}. Tafadhali wasiliana nasi kupanga upya.',
      fr: 'Vous avez manqué votre rendez-vous du {date}. Contactez-nous pour en prendre un autre.',
    },
  },
  {
    // Sent once when a number replies an opt-out word (replies/consent-service.ts); no discreet variant: it says nothing private.
    id: 'opt-out-confirmation',
    name: 'Opt-out: confirmation',
    fallbackLanguage: 'en',
    variants: {
      en: 'You will get no more messages from the clinic. Reply START to receive them again.',
      sw: 'Hutapokea tena ujumbe kutoka kliniki. Jibu ANZA ili uanze kupokea tena.',
      fr: 'Vous ne recevrez plus de messages de la clinique. Répondez START pour les recevoir à nouveau.',
    },
    discreetVariants: {},
  },
  {
    // The answer to a reply that confirms the next appointment (replies/reply-service.ts).
    id: 'appointment-confirmed',
    name: 'Reply: appointment confirmed',
    fallbackLanguage: 'en',
    variants: {
      en: 'Thank you, {first_name}. Your appointment on {day} {date} at {time} is confirmed.',
      sw: 'Asante, {first_name}. Miadi yako ya {day} {date} {time} imethibitishwa.',
      fr: 'Merci, {first_name}. Votre rendez-vous du {day} {date} à {time} est confirmé.',
    },
    discreetVariants: {
      en: 'Thank you. Confirmed for {date} at {time}.',
      sw: 'Asante. Imethibitishwa {date} {time}.',
      fr: 'Merci. Confirmé pour le {date} à {time}.',
    },
  },
  {
    id: 'appointment-reschedule',
    name: 'Reply: another time asked for',
    fallbackLanguage: 'en',
    variants: {
      en: 'Thank you, {first_name}. The clinic will contact you to choose another time.',
      sw: 'Asante, {first_name}. Kliniki itawasiliana nawe kupanga muda mwingine.',
      fr: 'Merci, {first_name}. La clinique vous contactera pour choisir un autre moment.',
    },
    discreetVariants: {},
  },
  {
    id: 'opt-in-confirmation',
    name: 'Opt-in: confirmation',
    fallbackLanguage: 'en',
    variants: {
      en: 'You will get messages from the clinic again. Reply STOP to stop them.',
      sw: 'Utapokea tena ujumbe kutoka kliniki. Jibu SIMAMA ili uache kupokea.',
      fr: 'Vous recevrez à nouveau les messages de la clinique. Répondez STOP pour les arrêter.',
    },
    discreetVariants: {},
  },
];

export function seedBuiltIns(store: Store, at: string): void {
  store.transaction(() => {
    for (const t of BUILT_IN_TEMPLATES) store.templates.seed({ ...t, updated: at });
    store.reminderPlans.seed(DEFAULT_PLAN, at);
  });
}
