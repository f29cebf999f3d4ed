/**
 * "Sent — no delivery report yet": how long a recipient may stay `sent`, with a delivery report
 * asked for, before the Outbox and the thread say no report has come (issue 10 item 7). One
 * source for the setting's default and bounds: settings-repository.ts, settingsPatchSchema and
 * SettingsDto read it.
 *
 * 60 minutes by default: a report usually comes within seconds of the SC handing the SMS over,
 * and within minutes when the phone was briefly out of coverage; after an hour the phone is most
 * likely off or away, which is worth knowing the same day (call the patient), while a short
 * delay would mark ordinary network slowness. At most 7 days: the SMS's own validity period
 * (docs/ARCHITECTURE.md "The SMS codec"), after which the network gives up anyway.
 */
export const DELIVERY_REPORT_WAIT_MINUTES = { default: 60, min: 1, max: 7 * 24 * 60 } as const;
