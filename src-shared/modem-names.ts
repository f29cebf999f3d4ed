/**
 * How a modem is named for people: what AT+CGMI / AT+CGMM say is often shouted, prefixed or
 * repeated ("huawei", "SIMCOM_Ltd" + "SIMCOM_SIM800", "WAVECOM MODEM", "ZTE CORPORATION").
 * One table of makers, so the saved label, the panel and the API say the same name.
 */

/** A maker's name as its modems report it (matched from the start, case-insensitive) -> as people write it. */
const MAKERS: ReadonlyArray<{ match: RegExp; name: string }> = [
  { match: /^huawei/i, name: 'Huawei' },
  { match: /^simcom/i, name: 'SIMCom' },
  { match: /^quectel/i, name: 'Quectel' },
  { match: /^zte/i, name: 'ZTE' },
  { match: /^wavecom/i, name: 'Wavecom' },
  { match: /^sierra/i, name: 'Sierra Wireless' },
  { match: /^u-?blox/i, name: 'u-blox' },
  { match: /^telit/i, name: 'Telit' },
];

/** "huawei" "E3131" -> "Huawei E3131"; "SIMCOM_Ltd" "SIMCOM_SIM800" -> "SIMCom SIM800"; nothing known -> null. */
export function modemName(manufacturer: string | null | undefined, model: string | null | undefined): string | null {
  const rawMaker = manufacturer?.trim() || null;
  const known = rawMaker === null ? undefined : MAKERS.find((m) => m.match.test(rawMaker));
  const maker = known?.name ?? (rawMaker === null ? null : rawMaker.charAt(0).toUpperCase() + rawMaker.slice(1));
  let type = model?.replace(/\s+/g, ' ').trim() || null;
  // A model that repeats the maker ("SIMCOM_SIM800", "ZTE MF190") keeps only what is its own.
  if (type !== null && known) type = type.replace(new RegExp(`^${known.match.source.slice(1)}[\\s_-]*`, 'i'), '') || type;
  const name = [maker, type].filter(Boolean).join(' ');
  return name === '' ? null : name;
}
