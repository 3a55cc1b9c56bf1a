#!/usr/bin/env python3
"""The command line and the API make the same plan from the same answers and
database: `trialwise plan --db DB --json` and POST /api/v1/plan on a server of
DB count the same imported products into the same daily total, with the same
pauses and warnings. Usage: plan_agreement_test.py TRIALWISE EXAMPLES LABELS"""

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile

TW, EXAMPLES, LABELS = sys.argv[1], sys.argv[2], sys.argv[3]
CHOICES = {"start": "2026-12-07", "product": "Mine", "g_per_serving": 5}


def run(*args, db):
    env = dict(os.environ, TRIALWISE_DB=db, TRIALWISE_TODAY="2026-12-07")
    return subprocess.run([TW, *args], capture_output=True, text=True, env=env)


def served_plan(db, answers):
    env = dict(os.environ, TRIALWISE_TODAY="2026-12-07")
    env.pop("TRIALWISE_DB", None)
    proc = subprocess.Popen([TW, "serve", "--port", "0", "--db", db], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env, text=True)
    try:
        match = re.fullmatch(r"listening on http://127\.0\.0\.1:(\d+)\n", proc.stdout.readline())
        if not match:
            raise SystemExit("FAIL: serve did not say where it listens")
        conn = http.client.HTTPConnection("127.0.0.1", int(match.group(1)), timeout=10)
        body = json.dumps(dict(CHOICES, answers=answers))
        conn.request("POST", "/api/v1/plan", body=body, headers={"Content-Type": "application/json"})
        res = conn.getresponse()
        return res.status, json.loads(res.read())
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)


def cli_plan(db):
    out = run("plan", "--answers", os.path.join(EXAMPLES, "runner_in_heat.json"), "--start", CHOICES["start"],
              "--product", CHOICES["product"], "--g-per-serving", str(CHOICES["g_per_serving"]), "--db", db,
              "--json", db=db)
    if out.returncode != 0:
        raise SystemExit(f"FAIL: plan exited {out.returncode}: {out.stderr}")
    return json.loads(out.stdout)


failures = 0
with open(os.path.join(EXAMPLES, "runner_in_heat.json")) as f:
    answers = json.load(f)
with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "trialwise.db")
    # No products yet: both plans count only the answers' own list.
    run("product", "list", db=db)
    for label, servings in (("powder_5g.json", ["--servings-per-day", "1"]), ("blend_no_amount.json", [])):
        out = run("product", "import", os.path.join(LABELS, label), *servings, db=db)
        if out.returncode != 0:
            raise SystemExit(f"FAIL: import {label}: {out.stderr}")
    cli = cli_plan(db)
    status, api = served_plan(db, answers)
    if status != 200:
        raise SystemExit(f"FAIL: POST /api/v1/plan answered {status}: {api}")
    cli_total = cli["existing_g_per_day"]
    api_total = api["existing_g_per_day"]
    if cli_total < 5:
        print(f"FAIL: the command line did not count the imported powder ({cli_total} g)")
        failures += 1
    if api_total != cli_total:
        print(f"FAIL: daily total from other products: command line {cli_total} g, API {api_total} g")
        failures += 1
    for key in ("other_products", "warnings", "total_max_daily_g", "steps"):
        if cli.get(key) != api.get(key):
            print(f"FAIL: {key} differs:\n  command line {cli.get(key)}\n  API          {api.get(key)}")
            failures += 1
    if cli != api:
        print("FAIL: the two plans differ beyond the fields above")
        failures += 1

print("plan agreement:", "FAIL" if failures else "ok")
sys.exit(1 if failures else 0)
