// A second, independent iCalendar client: ical.js (Mozilla's parser, used by
// Thunderbird; pinned in package-lock.json) parses the export driver's files,
// registers each VTIMEZONE, expands every recurring dose reminder and
// converts its times to UTC through the file's own VTIMEZONE.
//   node check_ics_icaljs.mjs DIR
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';

const dir = process.argv[2];
let failures = 0;
const fail = (m) => { failures++; console.log(`FAIL: ${m}`); };

function load(file) {
  const component = new ICAL.Component(ICAL.parse(readFileSync(join(dir, file), 'utf8')));
  ICAL.TimezoneService.reset();
  for (const vtz of component.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
  return component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

function expand(event) {
  const out = [];
  const it = event.iterator();
  for (let next = it.next(); next; next = it.next()) {
    out.push(next);
    if (out.length > 1000) break;
  }
  return out;
}

const iso = (t) => new Date(t.toUnixTime() * 1000).toISOString().replace('.000Z', 'Z');

// [file, first dose in UTC (null: floating), expected counts by summary start]
const cases = [
  ['open.ics', null],
  ['open-berlin.ics', '2026-12-14T07:00:00Z'],
  ['open-newyork.ics', '2026-12-14T13:00:00Z'],
];
for (const [file, firstUtc] of cases) {
  const events = load(file);
  const step1 = events.filter((e) => e.summary.startsWith('L-glutamine: 5 g'));
  const step2 = events.filter((e) => e.summary.startsWith('L-glutamine: 10 g'));
  if (step1.length !== 1 || step2.length !== 1) { fail(`${file}: expected one event per step`); continue; }
  const s1 = expand(step1[0]), s2 = expand(step2[0]);
  if (s1.length !== 14 || s2.length !== 42) fail(`${file}: ${s1.length} and ${s2.length} doses, expected 14 and 42`);
  const last = s2[s2.length - 1];
  if (last.toString() !== '2027-01-10T20:00:00') fail(`${file}: last dose at ${last.toString()}, expected 2027-01-10T20:00:00`);
  if (s1.some((t, i) => t.hour !== (i % 2 === 0 ? 8 : 20) || t.minute !== 0)) fail(`${file}: step 1 doses not at 08:00 and 20:00`);
  if (firstUtc === null) {
    if (!s1[0].isDate && s1[0].zone !== ICAL.Timezone.localTimezone) fail(`${file}: times should be floating, zone ${s1[0].zone}`);
  } else {
    if (iso(s1[0]) !== firstUtc) fail(`${file}: first dose is ${iso(s1[0])}, expected ${firstUtc}`);
    // A summer time through the same VTIMEZONE: one hour less from UTC's point of view.
    const summer = ICAL.Time.fromData({ year: 2027, month: 7, day: 1, hour: 8, minute: 0 }, s1[0].zone);
    const winterHour = Number(firstUtc.slice(11, 13));
    const summerHour = new Date(summer.toUnixTime() * 1000).getUTCHours();
    if (summerHour !== winterHour - 1) fail(`${file}: 08:00 on 2027-07-01 is ${summerHour}:00 UTC, expected ${winterHour - 1}:00`);
  }
  const review = events.find((e) => e.summary.startsWith('Review day'));
  if (!review || !review.startDate.isDate || review.startDate.toString() !== '2027-01-11') fail(`${file}: review day missing or wrong`);
  const alarm = step1[0].component.getFirstSubcomponent('valarm');
  if (!alarm || alarm.getFirstPropertyValue('action') !== 'DISPLAY') fail(`${file}: dose reminder without a display alarm`);
  if (!step1[0].description.includes('Pure "Glut" <b>& Co</b>; caps, naïve \\ 🙂')) fail(`${file}: the product's name did not survive`);
  if (failures === 0) console.log(`ok: ${file}: ${events.length} events, ${s1.length + s2.length} doses`);
}

// Blocks: every dose on an on day; 14 on days.
{
  const events = load('blocks.ics');
  const onDays = new Set();
  for (const e of events.filter((x) => x.summary.startsWith('L-glutamine:'))) for (const t of expand(e)) onDays.add(t.toString().slice(0, 10));
  const offDays = new Set();
  for (const e of events.filter((x) => x.summary.startsWith('Off block'))) {
    for (const d = e.startDate.clone(); d.compare(e.endDate) < 0; d.adjust(1, 0, 0, 0)) offDays.add(d.toString().slice(0, 10));
  }
  const overlap = [...onDays].filter((d) => offDays.has(d));
  if (onDays.size !== 14 || offDays.size !== 14 || overlap.length > 0) fail(`blocks.ics: ${onDays.size} on days, ${offDays.size} off days, overlap ${overlap}`);
  else console.log('ok: blocks.ics: reminders on the 14 on-block days only');
}

console.log(failures === 0 ? 'ics (ical.js): all checks passed' : `ics (ical.js): ${failures} failure(s)`);
process.exit(failures === 0 ? 0 : 1);
