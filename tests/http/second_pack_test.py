#!/usr/bin/env python3
"""A second, made-up supplement through every API route (tests/packs/examplin.json,
TEST ONLY, not medical advice): `trialwise serve --pack` serves its questionnaire,
assesses and plans by it, starts a trial that keeps it, logs on its 1-5 scale,
reviews by it and exports in every format; no response speaks of glutamine.
Usage: second_pack_test.py TRIALWISE PACKS_DIR"""

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile

TW, PACKS = sys.argv[1], sys.argv[2]
PACK = os.path.join(PACKS, "examplin.json")
failures = []


def check(ok, what, detail=""):
    if not ok:
        failures.append(what)
        print(f"FAIL {what}: {detail}"[:2000])


class Server:
    def __init__(self, tmp, today):
        env = dict(os.environ, TRIALWISE_TODAY=today)
        env.pop("TRIALWISE_DB", None)
        self.proc = subprocess.Popen([TW, "serve", "--port", "0", "--db", os.path.join(tmp, "t.db"), "--pack", PACK],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
        match = re.fullmatch(r"listening on http://127\.0\.0\.1:(\d+)\n", self.proc.stdout.readline())
        if not match:
            self.proc.kill()
            raise SystemExit("FAIL: serve --pack did not start")
        self.port = int(match.group(1))
        self.texts = []

    def call(self, method, target, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Content-Type": "application/json"} if body is not None else {}
        conn.request(method, target, body=None if body is None else json.dumps(body), headers=headers)
        res = conn.getresponse()
        text = res.read().decode("utf-8")
        self.texts.append(text)
        return res.status, text

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=20)


with open(os.path.join(PACKS, "examplin_answers.json")) as f:
    answers = json.load(f)
plan_body = {"answers": answers, "start": "2026-12-07", "product": "Examplin Powder", "g_per_serving": 1}

with tempfile.TemporaryDirectory() as tmp:
    every_text = []
    s = Server(tmp, "2026-12-07")
    status, text = s.call("GET", "/api/v1/pack")
    doc = json.loads(text)
    check(status == 200 and doc["pack"]["id"] == "examplin", "pack", text[:200])
    check(doc["pack"].get("substance") == "examplin", "pack substance", text[:200])
    check([q["id"] for q in doc["questionnaire"]][:2] == ["age", "problem"], "questionnaire", text[:200])
    status, text = s.call("POST", "/api/v1/assess", answers)
    check(status == 200 and json.loads(text)["decision"] == "trial_ok", "assess", text)
    status, text = s.call("POST", "/api/v1/plan", plan_body)
    check(status == 200 and "travel_trial" in text, "plan", text)
    status, text = s.call("POST", "/api/v1/trial", plan_body)
    check(status == 201, "start", text)
    status, text = s.call("PUT", "/api/v1/trial/days/2026-12-07", {"outcome": 7, "doses_taken": 0})
    check(status == 400 and "/outcome" in text and "1 to 5" in text, "off the pack's scale", text)
    status, text = s.call("PUT", "/api/v1/trial/days/2026-12-07", {"outcome": 2, "doses_taken": 0})
    check(status in (200, 201), "log", text)
    status, text = s.call("GET", "/api/v1/trial")
    st = json.loads(text)
    check(status == 200 and st["outcome"]["scale"]["min"] == 1 and st["outcome"]["scale"]["max"] == 5, "status scale", text)
    every_text += s.texts
    s.stop()
    # The rest of the trial, a day at a time, then the review and the exports.
    for day in range(8, 28):
        s = Server(tmp, f"2026-12-{day:02d}")
        doses = 0 if day < 14 else (1 if day < 17 else 2)
        status, text = s.call("PUT", f"/api/v1/trial/days/2026-12-{day:02d}",
                              {"outcome": 2 if day < 14 else 4, "doses_taken": doses, "side_effects": {"headache": 0}})
        check(status in (200, 201), f"log 2026-12-{day:02d}", text)
        every_text += s.texts
        s.stop()
    s = Server(tmp, "2026-12-28")
    status, text = s.call("GET", "/api/v1/trial/review")
    check(status == 200 and json.loads(text)["outcome"] == "continue", "review", text[:400])
    for route in ("export.csv", "export.json", "export.fhir.json", "export.ics", "export.html"):
        status, text = s.call("GET", f"/api/v1/trial/{route}")
        check(status == 200 and len(text) > 0, route, text[:200])
    check("examplin" in s.texts[-1], "report names the pack", s.texts[-1][:300])
    every_text += s.texts
    s.stop()
    leaks = [t for t in every_text if "glutamine" in t.lower()]
    check(not leaks, "no response speaks of glutamine", leaks[0][:500] if leaks else "")

print("second pack over HTTP:", "FAIL" if failures else "ok")
sys.exit(1 if failures else 0)
