#!/usr/bin/env python3
"""Several `serve` processes on one PostgreSQL database, through the real
binary, under a bounded load of clients logging days:

  two-servers  two servers on the test run's PostgreSQL server; a session
               begun on one works on the other; one is killed with SIGKILL
               mid-load: the other serves on, and every write acknowledged
               (200/201) by either is in the database afterwards.
  restart      a server on a PostgreSQL server of its own, restarted as a
               crash would (immediate stop) mid-load: 503 with Retry-After
               while it is down, full service after (the server reconnects by
               itself), nothing acknowledged lost.

Usage: postgres_servers_test.py TRIALWISE EXAMPLES SERVER_SH MODE
(TRIALWISE_TEST_POSTGRES names the test run's server, a CTest fixture)."""

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

TW, EXAMPLES, SERVER_SH, MODE = sys.argv[1:5]
GOOD = "correct horse battery staple"
PEOPLE = 8
failures = 0


def check(ok, what):
    global failures
    if not ok:
        print("FAIL:", what, flush=True)
        failures += 1


def psql(uri, sql):
    out = subprocess.run(["psql", "-qXtA", uri, "-c", sql], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"FAIL: psql {sql}: {out.stderr}")
    return out.stdout


def database_uri(admin, name):
    psql(admin, f"DROP DATABASE IF EXISTS {name}")
    psql(admin, f"CREATE DATABASE {name}")
    return f"postgresql:///{name}?" + admin.split("?", 1)[1]


def request(port, method, path, body=None, cookie=None, timeout=20):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if cookie:
        headers["Cookie"] = cookie
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        res = conn.getresponse()
        data = res.read()
        return res.status, dict(res.getheaders()), (json.loads(data) if data else None)
    finally:
        conn.close()


def serve(db):
    env = dict(os.environ, TRIALWISE_TODAY="2026-12-07")
    env.pop("TRIALWISE_DB", None)
    proc = subprocess.Popen([TW, "serve", "--accounts", "--port", "0", "--db", db], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env, text=True)
    match = re.fullmatch(r"listening on http://127\.0\.0\.1:(\d+)\n", proc.stdout.readline())
    if not match:
        proc.kill()
        raise SystemExit("FAIL: serve did not say where it listens")
    return proc, int(match.group(1))


def add_people(db):
    env = dict(os.environ, TRIALWISE_DB=db)
    for i in range(PEOPLE):
        out = subprocess.run([TW, "account", "add", "--email", f"p{i}@example.org", "--password-stdin"],
                             input=GOOD + "\n", capture_output=True, text=True, env=env)
        if out.returncode != 0:
            raise SystemExit(f"FAIL: account add: {out.stderr}")


def sign_in(port, i):
    status, headers, body = request(port, "POST", "/api/v1/session", {"email": f"p{i}@example.org", "password": GOOD})
    check(status == 204, f"sign-in of p{i} answered {status}: {body}")
    return headers.get("Set-Cookie", "").split(";")[0]


class Load:
    """One thread per person, each putting days in turn to the ports given,
    recording every (day, version, outcome) a server acknowledged."""

    def __init__(self, cookies, ports_of):
        self.cookies, self.ports_of = cookies, ports_of
        self.acknowledged = {i: [] for i in cookies}
        self.statuses = {}
        self.served_after = {}  # port -> acknowledged writes after `mark`
        self.mark = None
        self.retry_after_ok = True
        self.stop = threading.Event()
        self.lock = threading.Lock()

    def run_one(self, i):
        n = 0
        while not self.stop.is_set():
            ports = self.ports_of()
            port = ports[n % len(ports)]
            day = f"2026-12-0{1 + n % 7}"
            outcome = (n * 7 + i) % 11
            n += 1
            try:
                status, headers, body = request(port, "PUT", f"/api/v1/trial/days/{day}", {"outcome": outcome},
                                                cookie=self.cookies[i], timeout=10)
            except OSError:
                status, headers, body = "refused", {}, None
            with self.lock:
                self.statuses[status] = self.statuses.get(status, 0) + 1
                if status in (200, 201):
                    self.acknowledged[i].append((day, body["entry"]["version"], float(outcome)))
                    if self.mark is not None:
                        self.served_after[port] = self.served_after.get(port, 0) + 1
                elif status == 503 and headers.get("Retry-After") is None:
                    self.retry_after_ok = False
                elif isinstance(status, int) and status >= 500 and status != 503:
                    print(f"p{i} {day}: {status} {body}", flush=True)
            if status in ("refused", 503):
                time.sleep(0.02)

    def __enter__(self):
        self.threads = [threading.Thread(target=self.run_one, args=(i,)) for i in self.cookies]
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join()


def start_trials(port, cookies):
    with open(os.path.join(EXAMPLES, "runner_in_heat.json")) as f:
        answers = json.load(f)
    for i, cookie in cookies.items():
        body = {"answers": answers, "start": "2026-12-01", "product": "Powder", "g_per_serving": 5}
        status, _, reply = request(port, "POST", "/api/v1/trial", body, cookie=cookie)
        check(status == 201, f"p{i}'s start answered {status}: {reply}")


def check_nothing_lost(db, load):
    """Every acknowledged write is in the database, with its version and outcome."""
    ids = {int(line.split("|")[1]): line.split("|")[0]
           for line in psql(db, "SELECT email, id FROM accounts").split()}
    stored = set()
    for line in psql(db, "SELECT profile, day, version, outcome FROM entries").split():
        profile, day, version, outcome = line.split("|")
        stored.add((profile, day, int(version), float(outcome)))
    total = 0
    for i, writes in load.acknowledged.items():
        account = [k for k, email in ids.items() if email == f"p{i}@example.org"][0]
        for day, version, outcome in writes:
            total += 1
            check((f"account-{account}", day, version, outcome) in stored,
                  f"p{i}'s {day} version {version} was acknowledged, and is not in the database")
    check(total > 0, "no write was acknowledged at all")
    return total


def two_servers(admin):
    db = database_uri(admin, f"servers_{os.getpid()}")
    add_people(db)
    a, port_a = serve(db)
    b, port_b = serve(db)
    try:
        # A session begun on one server is good on the other.
        cookie = sign_in(port_a, 0)
        status, _, body = request(port_b, "GET", "/api/v1/session", cookie=cookie)
        check(status == 200 and body.get("account", {}).get("email") == "p0@example.org",
              f"the session from server A on server B: {status} {body}")
        cookies = {i: sign_in(port_a if i % 2 else port_b, i) for i in range(PEOPLE)}
        start_trials(port_b, cookies)

        alive = [port_a, port_b]
        with Load(cookies, lambda: alive) as load:
            time.sleep(1.5)
            a.send_signal(signal.SIGKILL)
            a.wait()
            with load.lock:
                load.mark = time.monotonic()
            time.sleep(0.5)
            alive = [port_b]  # clients notice and stay with the one left
            time.sleep(1.5)
        check(load.served_after.get(port_b, 0) > 0, f"server B did not serve on after A was killed: {load.statuses}")
        check(b.poll() is None, "server B died too")
        total = check_nothing_lost(db, load)
        print(f"two-servers: {total} writes acknowledged, statuses {load.statuses}", flush=True)
    finally:
        for p in (a, b):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                p.wait(timeout=20)
        psql(admin, f"DROP DATABASE IF EXISTS servers_{os.getpid()} WITH (FORCE)")


def restart():
    with tempfile.TemporaryDirectory() as state:
        subprocess.run([SERVER_SH, "start", state], check=True)
        try:
            with open(os.path.join(state, "admin-uri")) as f:
                admin = f.read().strip()
            db = database_uri(admin, "restart")
            add_people(db)
            proc, port = serve(db)
            try:
                cookies = {i: sign_in(port, i) for i in range(PEOPLE)}
                start_trials(port, cookies)
                with Load(cookies, lambda: [port]) as load:
                    time.sleep(1.0)
                    before = dict(load.statuses)
                    subprocess.run([SERVER_SH, "restart", state, "2"], check=True)
                    with load.lock:
                        during = dict(load.statuses)
                        load.mark = time.monotonic()
                    time.sleep(2.0)
                check(during.get(503, 0) > before.get(503, 0), f"no 503 while PostgreSQL was down: {during}")
                check(load.retry_after_ok, "a 503 came without Retry-After")
                check(load.served_after.get(port, 0) > 0, f"no write served after the restart: {load.statuses}")
                check(not any(isinstance(s, int) and s >= 500 and s != 503 for s in load.statuses),
                      f"answers other than 503 failed: {load.statuses}")
                check(proc.poll() is None, "serve died with the database")
                status, _, _ = request(port, "GET", "/api/v1/trial", cookie=cookies[0])
                check(status == 200, f"after the restart GET /api/v1/trial answered {status}")
                total = check_nothing_lost(db, load)
                print(f"restart: {total} writes acknowledged, statuses {load.statuses}", flush=True)
            finally:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=20)
        finally:
            subprocess.run([SERVER_SH, "stop", state])


if MODE == "two-servers":
    with open(os.path.join(os.environ["TRIALWISE_TEST_POSTGRES"], "admin-uri")) as f:
        two_servers(f.read().strip())
elif MODE == "restart":
    restart()
else:
    raise SystemExit(f"unknown mode {MODE}")
sys.exit(1 if failures else 0)
