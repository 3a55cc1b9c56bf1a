#!/usr/bin/env python3
"""A practice's trial records from one exported trial (export --format json).

    make_records.py TEMPLATE.json PEOPLE [--seed N] [--no-labels] > records.jsonl

Writes PEOPLE records of the template's trial, one per client
(client1@example.org, ...): every day from the start to the review date
logged, the outcome drawn around a baseline level (5 to 7.5) and lowered on
active days by the client's own effect (about 2 points, give or take 1), with
day-to-day noise. The rest of the record (plan, steps, dates) is the
template's, so each line is a record `trialwise series` and `import` accept.
Deterministic for a seed.
"""
import argparse
import datetime
import json
import random


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("template")
    parser.add_argument("people", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-labels", action="store_true")
    args = parser.parse_args()
    with open(args.template) as f:
        template = json.load(f)
    trial = template["trial"]
    start = datetime.date.fromisoformat(trial["start"])
    active = datetime.date.fromisoformat(trial["active_start"])
    review = datetime.date.fromisoformat(trial["review_date"])
    entry = template["entries"][0]
    rng = random.Random(args.seed)
    for person in range(1, args.people + 1):
        level = 5 + 0.5 * (person % 6)
        effect = 2 + rng.uniform(-1, 1)
        record = json.loads(json.dumps(template))
        record["trial"]["id"] = person
        record["entries"] = []
        day = start
        while day < review:
            on = day >= active
            score = level - (effect if on else 0) + rng.gauss(0, 0.8)
            e = dict(entry)
            e.update(date=day.isoformat(), outcome=round(min(10, max(0, score)), 1),
                     doses_taken=2 if on else 0, version=1)
            record["entries"].append(e)
            day += datetime.timedelta(days=1)
        record["amendments"] = []
        if not args.no_labels:
            record["client"] = "client%d@example.org" % person
        print(json.dumps(record))


if __name__ == "__main__":
    main()
