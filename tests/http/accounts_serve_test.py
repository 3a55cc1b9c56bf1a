#!/usr/bin/env python3
"""serve --accounts through the real binary: accounts added with the command
line sign in over HTTP with a cookie, each person's trial is their own, a
trial route without a session is 401, and sign-out ends the session. A coach's
invitation token is stored only as its hash; --open-signup opens
POST /api/v1/accounts and needs --accounts.
Usage: accounts_serve_test.py TRIALWISE EXAMPLES"""

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile

TW, EXAMPLES = sys.argv[1], sys.argv[2]
GOOD = "correct horse battery staple"
failures = 0


def check(ok, what):
    global failures
    if not ok:
        print("FAIL:", what)
        failures += 1


def run(*args, db, stdin=""):
    env = dict(os.environ, TRIALWISE_DB=db, TRIALWISE_TODAY="2026-12-07")
    return subprocess.run([TW, *args], capture_output=True, text=True, env=env, input=stdin)


def request(port, method, path, body=None, cookie=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if cookie:
        headers["Cookie"] = cookie
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    res = conn.getresponse()
    data = res.read()
    return res.status, dict(res.getheaders()), (json.loads(data) if data else None)


def sign_in(port, email, password=GOOD):
    status, headers, body = request(port, "POST", "/api/v1/session", {"email": email, "password": password})
    check(status == 204, f"sign-in of {email} answered {status}: {body}")
    cookie = headers.get("Set-Cookie", "")
    check("HttpOnly" in cookie and "SameSite=Strict" in cookie, f"the cookie lacks its attributes: {cookie}")
    return cookie.split(";")[0]


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "trialwise.db")
    for email, role in (("ada@example.org", "person"), ("grace@example.org", "person"),
                        ("coach@example.org", "coach")):
        out = run("account", "add", "--email", email, "--role", role, "--password-stdin", db=db, stdin=GOOD + "\n")
        if out.returncode != 0:
            raise SystemExit(f"FAIL: account add {email}: {out.stderr}")
    env = dict(os.environ, TRIALWISE_TODAY="2026-12-07")
    env.pop("TRIALWISE_DB", None)
    proc = subprocess.Popen([TW, "serve", "--accounts", "--port", "0", "--db", db], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env, text=True)
    try:
        match = re.fullmatch(r"listening on http://127\.0\.0\.1:(\d+)\n", proc.stdout.readline())
        if not match:
            raise SystemExit("FAIL: serve --accounts did not say where it listens")
        port = int(match.group(1))
        status, _, _ = request(port, "GET", "/api/v1/trial")
        check(status == 401, f"a trial route without a session answered {status}")
        status, _, _ = request(port, "GET", "/healthz")
        check(status == 200, f"/healthz answered {status}")
        status, headers, body = request(port, "POST", "/api/v1/session", {"email": "ada@example.org", "password": "no"})
        check(status == 401 and "Set-Cookie" not in headers, f"a wrong password answered {status} {headers}")

        ada, grace = sign_in(port, "ada@example.org"), sign_in(port, "grace@example.org")
        with open(os.path.join(EXAMPLES, "runner_in_heat.json")) as f:
            answers = json.load(f)
        start = {"answers": answers, "start": "2026-12-07", "product": "Powder", "g_per_serving": 5}
        status, _, body = request(port, "POST", "/api/v1/trial", start, cookie=ada)
        check(status == 201, f"Ada's start answered {status}: {body}")
        status, _, _ = request(port, "PUT", "/api/v1/trial/days/2026-12-07", {"outcome": 6}, cookie=ada)
        check(status == 201, f"Ada's day answered {status}")
        status, _, _ = request(port, "GET", "/api/v1/trial", cookie=grace)
        check(status == 404, f"Grace sees a trial ({status}); Ada's must not exist for her")
        status, _, body = request(port, "GET", "/api/v1/trial/days", cookie=ada)
        check(status == 200 and len(body["entries"]) == 1, f"Ada's days: {status} {body}")

        coach = sign_in(port, "coach@example.org")
        status, _, body = request(port, "POST", "/api/v1/invitations", {}, cookie=coach)
        check(status == 201 and re.fullmatch(r"http://127\.0\.0\.1:\d+/#/join/[A-Za-z0-9_-]{43}", body["url"]),
              f"the invitation answered {status}: {body}")
        invitation = body["token"] if status == 201 else ""
        status, _, body = request(port, "POST", "/api/v1/accounts", {"email": "walk-in@example.org", "password": GOOD})
        check(status == 403, f"sign-up without --open-signup answered {status}: {body}")

        status, headers, _ = request(port, "DELETE", "/api/v1/session", cookie=ada)
        check(status == 204 and "Max-Age=0" in headers.get("Set-Cookie", ""), f"sign-out answered {status} {headers}")
        status, _, _ = request(port, "GET", "/api/v1/trial", cookie=ada)
        check(status == 401, f"the ended session still works ({status})")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)

    # Sessions and invitations live in the database as hashes only.
    for token in (ada.split("=", 1)[1], invitation):
        for path in (db, db + "-wal"):
            if os.path.exists(path):
                with open(path, "rb") as f:
                    check(token.encode() not in f.read(), f"a token is stored in {path}")

    # --open-signup: anyone may make a person account; only with accounts on.
    out = run("serve", "--open-signup", "--port", "0", db=db)
    check(out.returncode != 0 and "--accounts" in out.stderr, f"--open-signup alone: {out.returncode} {out.stderr}")
    proc = subprocess.Popen([TW, "serve", "--accounts", "--open-signup", "--port", "0", "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    try:
        port = int(re.fullmatch(r"listening on http://127\.0\.0\.1:(\d+)\n", proc.stdout.readline()).group(1))
        status, headers, body = request(port, "POST", "/api/v1/accounts", {"email": "walk-in@example.org", "password": GOOD})
        check(status == 201 and body["role"] == "person" and "tw_session=" in headers.get("Set-Cookie", ""),
              f"open sign-up answered {status}: {body}")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)

sys.exit(1 if failures else 0)
