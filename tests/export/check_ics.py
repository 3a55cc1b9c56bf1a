#!/usr/bin/env python3
"""Checks the export driver's iCalendar files with a real client library:
Debian's python3-icalendar (4.0.3) parses them, python3-dateutil expands
each RRULE, and every event's time and recurrence is compared with what the
generated trial (libs/export/tests/fixtures.hpp) must give:

  baseline 2026-12-07 to 2026-12-13; step 1: 5 g twice daily 2026-12-14 to
  2026-12-20; step 2: 10 g twice daily, if tolerated, 2026-12-21 to
  2027-01-10; review 2027-01-11; continue, so a next review on 2027-02-08.

Also the bytes: CRLF only, lines of at most 75 octets, folds never inside a
UTF-8 character, and TEXT unescaped back to exactly what was written.

  /usr/bin/python3 check_ics.py DIR
"""
import datetime as dt
import sys
from pathlib import Path

from dateutil.rrule import rrulestr
from icalendar import Calendar

TRICKY = 'Pure "Glut" <b>& Co</b>; caps, naïve \\ 🙂'
D = dt.date
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def check_bytes(path, raw):
    if b"\n" in raw.replace(b"\r\n", b""):
        fail(f"{path}: a line ends without CR")
    if not raw.endswith(b"\r\n"):
        fail(f"{path}: does not end with CRLF")
    folded = 0
    for n, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        if len(line) > 75:
            fail(f"{path}:{n}: {len(line)} octets (at most 75)")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            fail(f"{path}:{n}: a fold splits a UTF-8 character")
        folded += line.startswith(b" ")
    return folded


def occurrences(event):
    start = event["DTSTART"].dt
    rule = event.get("RRULE")
    if rule is None:
        return [start]
    return list(rrulestr(rule.to_ical().decode(), dtstart=start))


def expected_times(first, last, times):
    out = []
    d = first
    while d <= last:
        out += [dt.datetime.combine(d, t) for t in times]
        d += dt.timedelta(days=1)
    return out


def parse(path):
    raw = path.read_bytes()
    folded = check_bytes(path, raw)
    cal = Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    if len(set(uids)) != len(uids) or not all(u.endswith("@trialwise") for u in uids):
        fail(f"{path}: UIDs not unique or not @trialwise: {uids}")
    for e in events:
        if "DTSTAMP" not in e:
            fail(f"{path}: event {e['UID']} has no DTSTAMP")
    return cal, events, folded


def by_summary(events, start):
    return [e for e in events if str(e["SUMMARY"]).startswith(start)]


def all_day(path, events, start, first, last=None):
    found = by_summary(events, start)
    if len(found) != 1:
        fail(f"{path}: expected one event '{start}', found {len(found)}")
        return
    e = found[0]
    if e["DTSTART"].dt != first or e["DTEND"].dt != (last or first) + dt.timedelta(days=1):
        fail(f"{path}: '{start}' is {e['DTSTART'].dt} to {e['DTEND'].dt}, expected {first} to {last or first} inclusive")


def check_open(path, zone=None):
    cal, events, folded = parse(path)
    if folded < 5:
        fail(f"{path}: expected folded lines, found {folded}")
    steps = [("L-glutamine: 5 g (step 1 of 2)", D(2026, 12, 14), D(2026, 12, 20)),
             ("L-glutamine: 10 g (step 2 of 2, if tolerated)", D(2026, 12, 21), D(2027, 1, 10))]
    for summary, first, last in steps:
        found = by_summary(events, summary)
        if len(found) != 1:
            fail(f"{path}: expected one '{summary}' event, found {len(found)}")
            continue
        e = found[0]
        got = occurrences(e)
        want = expected_times(first, last, [dt.time(8), dt.time(20)])
        if zone is None:
            if got[0].tzinfo is not None:
                fail(f"{path}: '{summary}' should be floating local time, has {got[0].tzinfo}")
            if got != want:
                fail(f"{path}: '{summary}' occurs {len(got)} times {got[:2]}..{got[-1:]}, expected {len(want)} {want[:2]}..{want[-1:]}")
        else:
            if str(e["DTSTART"].params.get("TZID")) != zone:
                fail(f"{path}: '{summary}' has TZID {e['DTSTART'].params.get('TZID')}, expected {zone}")
            if [o.replace(tzinfo=None) for o in got] != want:
                fail(f"{path}: '{summary}' local times differ from the plan")
        alarms = e.walk("VALARM")
        if len(alarms) != 1 or alarms[0]["TRIGGER"].dt != dt.timedelta(0) or str(alarms[0]["ACTION"]) != "DISPLAY":
            fail(f"{path}: '{summary}' needs one DISPLAY alarm at the dose time")
        if e["DURATION"].dt != dt.timedelta(minutes=15):
            fail(f"{path}: '{summary}' lasts {e['DURATION'].dt}")
        if TRICKY not in str(e["DESCRIPTION"]):
            fail(f"{path}: the product name did not survive escaping: {str(e['DESCRIPTION'])[:120]!r}")
    all_day(path, events, "Trial: last baseline day", D(2026, 12, 13))
    all_day(path, events, "Step-up check", D(2026, 12, 21))
    all_day(path, events, "Review day", D(2027, 1, 11))
    all_day(path, events, "Next review", D(2027, 2, 8))
    if len(events) != 6:
        fail(f"{path}: expected 6 events, found {len(events)}: {[str(e['SUMMARY']) for e in events]}")
    return cal


def check_zone(path, cal, winter, summer, transitions):
    """The VTIMEZONE itself (renamed, so no tz database can stand in for it)."""
    raw = path.read_bytes()
    tzid = str(cal.walk("VTIMEZONE")[0]["TZID"])
    # python3-icalendar caches zones by TZID for the whole process: one name per file.
    renamed = Calendar.from_ical(raw.replace(tzid.encode(), b"X-Trialwise-Test-" + path.stem.encode()))
    tz = renamed.walk("VTIMEZONE")[0].to_tz()
    for when, offset in [(dt.datetime(2027, 1, 15, 12), winter), (dt.datetime(2027, 7, 15, 12), summer)] + transitions:
        got = tz.localize(when).utcoffset()
        if got != dt.timedelta(minutes=offset):
            fail(f"{path}: at {when} the VTIMEZONE gives {got}, expected {offset} minutes")
    event = renamed.walk("VEVENT")[1]
    first = event["DTSTART"].dt
    utc = first.astimezone(dt.timezone.utc).replace(tzinfo=None)
    want = dt.datetime(2026, 12, 14, 8) - dt.timedelta(minutes=winter)
    if utc != want:
        fail(f"{path}: the first dose is {utc} UTC, expected {want}")


def check_blocks(path):
    cal, events, _ = parse(path)
    dose_days = {}
    for e in events:
        if str(e["SUMMARY"]).startswith("L-glutamine:"):
            for o in occurrences(e):
                dose_days.setdefault(o.date(), []).append(o.time())
    off_days = set()
    for e in by_summary(events, "Off block"):
        d = e["DTSTART"].dt
        while d < e["DTEND"].dt:
            off_days.add(d)
            d += dt.timedelta(days=1)
    active = {D(2026, 12, 14) + dt.timedelta(days=i) for i in range(28)}
    if set(dose_days) & off_days:
        fail(f"{path}: reminders on off-block days: {sorted(set(dose_days) & off_days)}")
    if set(dose_days) | off_days != active or len(dose_days) != 14 or len(off_days) != 14:
        fail(f"{path}: on ({len(dose_days)}) and off ({len(off_days)}) days do not tile the 28 active days")
    if any(times != [dt.time(8), dt.time(20)] for times in dose_days.values()):
        fail(f"{path}: every on day needs doses at 08:00 and 20:00")
    all_day(path, events, "Review day", D(2027, 1, 11))


def main():
    out = Path(sys.argv[1])
    check_open(out / "open.ics")
    berlin = check_open(out / "open-berlin.ics", zone="Europe/Berlin")
    check_zone(out / "open-berlin.ics", berlin, 60, 120,
               [(dt.datetime(2027, 3, 28, 1, 30), 60), (dt.datetime(2027, 3, 28, 3, 30), 120),
                (dt.datetime(2027, 10, 31, 1, 30), 120), (dt.datetime(2027, 10, 31, 4, 0), 60)])
    newyork = check_open(out / "open-newyork.ics", zone="America/New_York")
    check_zone(out / "open-newyork.ics", newyork, -300, -240,
               [(dt.datetime(2027, 3, 14, 1, 30), -300), (dt.datetime(2027, 3, 14, 3, 30), -240),
                (dt.datetime(2027, 11, 7, 0, 30), -240), (dt.datetime(2027, 11, 7, 3, 0), -300)])
    check_blocks(out / "blocks.ics")
    print("ics (python3-icalendar): " + ("all checks passed" if not failures else f"{len(failures)} failure(s)"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
