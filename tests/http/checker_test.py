#!/usr/bin/env python3
"""`trialwise serve --checker`: the stateless checker a publisher embeds.

Started in an empty folder (its working directory, HOME and the default
database's place), it answers /healthz, the pack, assess and plan; every
other route, the web app's pages included, is 404 as if it did not exist;
and afterwards the folder is still empty: it opened no database and wrote
nothing. HEAD answers as GET without the body, on a connection that goes
on serving. With --rate 5 a burst of API requests from one address gets 429
with Retry-After past the fifth, and /healthz never. --checker with
--accounts or --db is refused (exit 2), a checker beyond loopback without
TLS too, and a --rate below 1.

usage: checker_test.py TRIALWISE_BINARY EXAMPLES_DIR"""
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402
from checks import check, finish  # noqa: E402

TW, EXAMPLES = sys.argv[1], sys.argv[2]


def example(name):
    return checks.example(EXAMPLES, name)


def request(port, method, path, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    conn.request(method, path, body=body, headers=headers)
    res = conn.getresponse()
    data = res.read()
    conn.close()
    return res.status, data


with tempfile.TemporaryDirectory() as home:
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=os.path.join(home, "data"), TRIALWISE_TODAY="2026-12-14")
    env.pop("TRIALWISE_DB", None)
    proc = subprocess.Popen([TW, "serve", "--checker", "--port", "0"], cwd=home, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        match = re.fullmatch(r"listening on http://127\.0\.0\.1:(\d+)\n", line)
        if not match:
            proc.kill()
            sys.exit(f"FAIL: the checker did not say where it listens: {line!r} {proc.stderr.read()}")
        port = int(match.group(1))

        status, body = request(port, "GET", "/healthz")
        check(status == 200, "healthz", status)
        status, body = request(port, "GET", "/api/v1/pack")
        check(status == 200 and b'"questionnaire"' in body, "the pack", status)
        status, body = request(port, "POST", "/api/v1/assess", example("runner_in_heat"))
        check(status == 200 and json.loads(body).get("decision"), "assess", (status, body[:200]))
        plan = b'{"answers": ' + example("runner_in_heat") + b', "start": "2026-12-21"}'
        status, body = request(port, "POST", "/api/v1/plan", plan)
        check(status in (200, 201) and b'"steps"' in body, "plan without a product store", (status, body[:300]))

        # HEAD, as a CDN or a link checker asks: GET's status and length, no
        # body, and the connection answers the next request cleanly.
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for path in ["/embed.js", "/api/v1/pack", "/healthz"]:
            conn.request("GET", path)
            res = conn.getresponse()
            got = res.read()
            conn.request("HEAD", path)
            head = conn.getresponse()
            check(head.status == 200, f"HEAD {path}", head.status)
            check(head.getheader("Content-Length") == str(len(got)), f"HEAD {path}: GET's length",
                  (head.getheader("Content-Length"), len(got)))
            check(head.read() == b"", f"HEAD {path}: no body")
        sock = conn.sock
        conn.request("GET", "/healthz")
        res = conn.getresponse()
        check(res.status == 200 and res.read() == b'{"status":"ok"}' and conn.sock is sock,
              "after HEADs the same connection answers a GET", res.status)
        conn.close()

        for method, path, body in [("GET", "/api/v1/trial", None), ("GET", "/api/v1/trials", None),
                                   ("POST", "/api/v1/session", b'{"email": "a@b.c", "password": "x"}'),
                                   ("GET", "/api/v1/openapi.json", None), ("GET", "/", None),
                                   ("GET", "/index.html", None), ("GET", "/api/v1/clients", None),
                                   ("PUT", "/api/v1/trial/days/2026-12-14", b'{"outcome": 3}')]:
            status, data = request(port, method, path, body)
            check(status == 404, f"{method} {path} is not on a checker", (status, data[:200]))
            if status == 404:
                check(b"checker" in data, f"{method} {path}: the 404 says it is a checker", data[:200])
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    check(proc.returncode == 0, "the checker stops on SIGTERM with 0", proc.returncode)
    left = []
    for root, dirs, files in os.walk(home):
        left += [os.path.join(root, f) for f in files] + [os.path.join(root, d) for d in dirs]
    check(left == [], "the checker wrote nothing", left)

# A burst beyond --rate: 429 with Retry-After; the health check is never limited.
with tempfile.TemporaryDirectory() as home:
    env = dict(os.environ, HOME=home)
    env.pop("TRIALWISE_DB", None)
    proc = subprocess.Popen([TW, "serve", "--checker", "--port", "0", "--rate", "5"], cwd=home, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        match = re.fullmatch(r"listening on http://127\.0\.0\.1:(\d+)\n", proc.stdout.readline())
        check(match is not None, "the rate-limited checker listens")
        if match:
            port = int(match.group(1))
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            statuses, retry = [], None
            for _ in range(12):
                conn.request("GET", "/api/v1/pack")
                res = conn.getresponse()
                res.read()
                statuses.append(res.status)
                if res.status == 429:
                    retry = res.getheader("Retry-After")
            check(statuses[:5] == [200] * 5, "the first five of the burst are served", statuses)
            check(statuses.count(429) >= 5, "the rest of the burst gets 429", statuses)
            check(retry is not None and retry.isdigit() and int(retry) >= 1, "429 says when to retry", retry)
            health = []
            for _ in range(20):
                conn.request("GET", "/healthz")
                res = conn.getresponse()
                res.read()
                health.append(res.status)
            check(health == [200] * 20, "the health check is never limited", health)
            conn.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)

for flags, what in [(["--accounts"], "--accounts"), (["--db", "/tmp/x.db"], "--db"),
                    (["--host", "0.0.0.0"], "--host"), (["--rate", "0"], "--rate")]:
    r = subprocess.run([TW, "serve", "--checker", "--port", "0", *flags], capture_output=True, text=True, timeout=10)
    check(r.returncode == 2, f"--checker with {what} is refused with exit 2", (r.returncode, r.stderr))
    check(what in r.stderr or "excludes" in r.stderr, f"the refusal of {what} names it", r.stderr)

finish("checker")
