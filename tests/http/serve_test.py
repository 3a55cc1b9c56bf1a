#!/usr/bin/env python3
"""`trialwise serve` end to end over loopback, as a browser or a script would
meet it: keep-alive, a trial in a fresh SQLite database, the body limit (with
and without Expect: 100-continue), a slow client and an idle connection cut
off by their timeouts while others are served, the loopback-only rule, and
SIGTERM during a request (the request completes, the process exits 0).

usage: serve_test.py TRIALWISE_BINARY EXAMPLES_DIR
Only bounds on waiting, never assertions on speed."""
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402
from checks import check, finish  # noqa: E402

TW, EXAMPLES = sys.argv[1], sys.argv[2]
TODAY = "2026-12-14"


def example(name):
    return checks.example(EXAMPLES, name)


class Server:
    """A `trialwise serve --port 0` on a fresh database; stderr (the access log) to a file."""

    def __init__(self, tmp, name, *flags):
        self.log_path = os.path.join(tmp, name + ".log")
        self.log = open(self.log_path, "w")
        env = dict(os.environ, TRIALWISE_TODAY=TODAY)
        env.pop("TRIALWISE_DB", None)
        self.proc = subprocess.Popen(
            [TW, "serve", "--port", "0", "--db", os.path.join(tmp, name + ".db"), *flags],
            stdout=subprocess.PIPE, stderr=self.log, env=env, text=True)
        line = self.proc.stdout.readline()
        match = re.fullmatch(r"listening on http://127\.0\.0\.1:(\d+)\n", line)
        if not match:
            self.proc.kill()
            raise SystemExit(f"FAIL {name}: serve did not say where it listens: {line!r}")
        self.port = int(match.group(1))

    def connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)

    def socket(self):
        return socket.create_connection(("127.0.0.1", self.port), timeout=10)

    def stop(self, signalled=False):
        """SIGTERM (unless one was sent already: then the server exits by itself
        once drained, and a second signal could land while it exits), then the
        exit code and the log."""
        if not signalled:
            self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=20)
        self.log.close()
        with open(self.log_path) as f:
            return code, f.read()


def read_until_closed(sock, limit=1 << 20):
    """Everything the server sends until it closes the connection (or resets it)."""
    data = b""
    try:
        while len(data) < limit:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except ConnectionResetError:
        pass
    return data


def read_responses(sock, count):
    """`count` responses read off a socket, each as (head, body) by its Content-Length."""
    data, pos, out = bytearray(), 0, []
    while len(out) < count:
        end = data.find(b"\r\n\r\n", pos)
        if end >= 0:
            head = bytes(data[pos:end])
            length = int(re.search(rb"(?im)^content-length: *(\d+)", head).group(1))
            if len(data) >= end + 4 + length:
                out.append((head, bytes(data[end + 4:end + 4 + length])))
                pos = end + 4 + length
                continue
        chunk = sock.recv(1 << 20)
        if not chunk:
            break
        del data[:pos]
        pos = 0
        data += chunk
    return out


def closed_by_server(sock):
    try:
        return sock.recv(1024) == b""
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


def request(conn, method, target, body=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    conn.request(method, target, body=body, headers=headers)
    res = conn.getresponse()
    return res, res.read()


with tempfile.TemporaryDirectory() as tmp:
    # One worker and short timeouts: a slow client must not hold the worker.
    a = Server(tmp, "a", "--threads", "1", "--read-timeout", "0.5", "--idle-timeout", "1")
    HOST_A = f"Host: 127.0.0.1:{a.port}\r\n".encode()
    try:
        # Keep-alive: several requests on one connection.
        conn = a.connection()
        res, body = request(conn, "GET", "/healthz")
        check(res.status == 200 and json.loads(body) == {"status": "ok"}, "healthz", body)
        first_socket = conn.sock
        res, body = request(conn, "POST", "/api/v1/assess", example("runner_in_heat"))
        check(res.status == 200 and json.loads(body)["decision"] == "trial_ok", "assess", body[:200])
        res, body = request(conn, "POST", "/api/v1/plan",
                            b'{"answers": ' + example("liver_encephalopathy_history") + b', "start": "2026-12-07"}')
        check(res.status == 422 and b"dose_g" not in body, "refused plan is 422 without a dose", body[:200])
        check(conn.sock is first_socket and first_socket is not None, "keep-alive: one connection for three requests")

        # The trial in the embedded database.
        res, body = request(conn, "POST", "/api/v1/trial",
                            b'{"answers": ' + example("runner_in_heat") + b', "start": "2026-12-07"}')
        check(res.status == 201, "start a trial", body[:200])
        res, body = request(conn, "PUT", "/api/v1/trial/days/2026-12-08", b'{"outcome": 6, "doses_taken": 0}')
        check(res.status == 201, "log a day", body)
        res, body = request(conn, "GET", "/api/v1/trial")
        check(res.status == 200 and json.loads(body)["baseline_days_logged"] == 1, "status", body[:200])
        res, body = request(conn, "GET", "/api/v1/trial/export.csv")
        check(res.status == 200 and res.getheader("Content-Type").startswith("text/csv") and b"2026-12-08,6,0" in body,
              "export.csv", body)

        # DNS rebinding: a name that merely points here is refused before
        # routing, reads and writes alike; a write from another origin is
        # refused with nothing saved; localhost works as 127.0.0.1 does.
        def with_headers(method, target, headers, body=None):
            c = a.connection()
            c.request(method, target, body=body, headers={"Content-Type": "application/json", **headers})
            r = c.getresponse()
            data = r.read()
            c.close()
            return r, data
        res, body = with_headers("GET", "/api/v1/trial", {"Host": f"evil.example:{a.port}"})
        check(res.status == 421 and b"evil.example" in body and b"baseline_days_logged" not in body,
              "a rebinding read is refused", body[:200])
        res, body = with_headers("PUT", "/api/v1/trial/days/2026-12-08", {"Host": "evil.example",
                                 "Origin": "http://evil.example"}, b'{"outcome": 1, "doses_taken": 0}')
        check(res.status == 421, "a rebinding write is refused", body[:200])
        res, body = with_headers("PUT", "/api/v1/trial/days/2026-12-08", {"Origin": "http://evil.example"},
                                 b'{"outcome": 2, "doses_taken": 0}')
        check(res.status == 403 and b"nothing was saved" in body, "a cross-site write is refused", body[:200])
        res, body = request(conn, "GET", "/api/v1/trial/days")
        check(res.status == 200 and json.loads(body)["entries"][0]["outcome"] == 6, "nothing was saved", body[:200])
        res, body = with_headers("PUT", "/api/v1/trial/days/2026-12-08", {"Host": f"localhost:{a.port}",
                                 "Origin": f"http://localhost:{a.port}"}, b'{"outcome": 6, "doses_taken": 0}')
        check(res.status in (200, 201), "localhost is this server too", body[:200])
        res, body = request(conn, "GET", "/api/v1/trial/export.html")
        check(res.status == 200 and "script-src 'self'" in (res.getheader("Content-Security-Policy") or ""),
              "the clinician's report carries the app's CSP", str(res.getheaders()))
        conn.close()

        # 413: a body over 64 KiB, announced by Content-Length.
        big = b'{"note": "' + b"x" * 70000 + b'"}'
        s = a.socket()
        s.sendall(b"POST /api/v1/assess HTTP/1.1\r\n" + HOST_A + b"Content-Type: application/json\r\n"
                  b"Content-Length: " + str(len(big)).encode() + b"\r\n\r\n" + big)
        reply = read_until_closed(s)
        check(reply.startswith(b"HTTP/1.1 413 ") and b'"code":"limit"' in reply, "413 for a body over 64 KiB",
              reply[:200])
        s.close()
        # ... and with Expect: 100-continue, answered before the body is sent.
        s = a.socket()
        s.sendall(b"POST /api/v1/assess HTTP/1.1\r\n" + HOST_A + b"Content-Type: application/json\r\n"
                  b"Expect: 100-continue\r\nContent-Length: 70000\r\n\r\n")
        reply = read_until_closed(s)
        check(reply.startswith(b"HTTP/1.1 413 "), "413 before a 100-continue body", reply[:200])
        s.close()
        # A small body with Expect: 100-continue is invited, then answered.
        s = a.socket()
        body = example("runner_in_heat")
        s.sendall(b"POST /api/v1/assess HTTP/1.1\r\n" + HOST_A + b"Content-Type: application/json\r\nConnection: close\r\n"
                  b"Expect: 100-continue\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n")
        interim = s.recv(1024)
        check(interim.startswith(b"HTTP/1.1 100 Continue"), "100 Continue", interim)
        s.sendall(body)
        reply = read_until_closed(s)
        check(reply.startswith(b"HTTP/1.1 200 "), "assess after 100 Continue", reply[:200])
        s.close()

        # A body that arrives in two parts is read whole; one that stops halfway
        # is cut off by the read timeout like a slow header.
        body = example("runner_in_heat")
        head = (b"POST /api/v1/assess HTTP/1.1\r\n" + HOST_A + b"Content-Type: application/json\r\n"
                b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
        s = a.socket()
        s.sendall(head + body[:40])
        time.sleep(0.2)
        s.sendall(body[40:])
        reply = read_responses(s, 1)
        check(reply[0][0].startswith(b"HTTP/1.1 200 ") and b'"decision":"trial_ok"' in reply[0][1],
              "a body sent in two parts is assessed", reply[0][0])
        s.close()
        s = a.socket()
        s.sendall(head + body[:40])
        check(closed_by_server(s), "a body that stops halfway is closed after the read timeout")
        s.close()

        # Pipelined requests, more than the socket holds while the client does
        # not read: every answer comes, whole and in order.
        script = "/js/pages/plan.js"
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../web/public" + script), "rb") as f:
            script_bytes = f.read()
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a small window: the server must wait to write
        s.settimeout(10)
        s.connect(("127.0.0.1", a.port))
        count = 600  # 8.7 MB: more than Linux lets a socket buffer (4 MiB by default)
        s.sendall((b"GET " + script.encode() + b" HTTP/1.1\r\n" + HOST_A + b"\r\n") * (count - 1) +
                  b"GET /healthz HTTP/1.1\r\n" + HOST_A + b"\r\n")
        time.sleep(0.3)
        replies = read_responses(s, count)
        check(len(replies) == count and all(r[0].startswith(b"HTTP/1.1 200 ") and r[1] == script_bytes
                                            for r in replies[:-1]),
              f"{count - 1} pipelined answers of {len(script_bytes)} bytes, whole and in order",
              [r[0][:40] for r in replies[:3]])
        check(replies[-1][1] == b'{"status":"ok"}', "the last pipelined request answered last", replies[-1][1][:80])
        s.close()

        # A slow client: half a header, then nothing. Others are served meanwhile,
        # and the server closes it once the read timeout passes.
        slow = a.socket()
        slow.sendall(b"GET /healthz HTTP/1.1\r\nHo")
        other = a.connection()
        res, body = request(other, "GET", "/healthz")
        check(res.status == 200, "served while a slow client waits")
        other.close()
        check(closed_by_server(slow), "slow client closed after the read timeout")
        slow.close()
        # An idle keep-alive connection is closed after the idle timeout.
        idle = a.socket()
        check(closed_by_server(idle), "idle connection closed after the idle timeout")
        idle.close()
    finally:
        code, log = a.stop()
    check(code == 0, "exit 0 on SIGTERM", str(code))
    lines = [l for l in log.splitlines() if re.fullmatch(r"[A-Z]+ \S+ \d{3} \d+ \d+", l)]
    check(any(l.startswith("POST /api/v1/assess 200 ") for l in lines), "access log lines", log[-500:])
    check(any(l.startswith("POST /api/v1/assess 413 ") for l in lines), "413 in the access log", log[-500:])

    # Loopback only unless accounts and TLS are both on: anything else is
    # refused with exit 2 and the reason, before anything is bound.
    for host in ["0.0.0.0", "::", "192.0.2.1"]:
        for extra in ([], ["--accounts"], ["--tls-cert", "c.pem", "--tls-key", "k.pem"]):
            p = subprocess.run([TW, "serve", "--host", host, "--port", "0", "--db", os.path.join(tmp, "x.db"), *extra],
                               capture_output=True, text=True, timeout=20)
            check(p.returncode == 2 and "not a loopback address" in p.stderr and "--accounts and TLS" in p.stderr
                  and p.stdout == "", f"--host {host} {extra} refused", p.stderr)
    p = subprocess.run([TW, "serve", "--tls-cert", "c.pem", "--port", "0", "--db", os.path.join(tmp, "x.db")],
                       capture_output=True, text=True, timeout=20)
    check(p.returncode == 2 and "--tls-key" in p.stderr, "--tls-cert alone is refused", p.stderr)

    # A flood of idle connections (more than the caps) never shuts others
    # out: the oldest idle ones are closed to make room, and /healthz answers.
    c = Server(tmp, "c", "--max-connections", "8", "--max-connections-per-client", "6", "--idle-timeout", "30")
    flood = []
    for _ in range(20):
        flood.append(c.socket())
        time.sleep(0.01)  # in order: the oldest are the first
    conn = c.connection()
    res, body = request(conn, "GET", "/healthz")
    check(res.status == 200, "healthz answers through a flood of idle connections", body)
    conn.close()
    time.sleep(0.3)

    def still_open(sock):
        sock.settimeout(0.2)
        try:
            return sock.recv(1) != b""
        except socket.timeout:
            return True
        except OSError:
            return False
    open_now = [still_open(s) for s in flood]
    check(sum(open_now) <= 6, "no more idle connections than the per-client cap stay open", str(open_now))
    check(not open_now[0] and open_now[-1], "the oldest idle connections were closed first", str(open_now))
    for s in flood:
        s.close()
    code, _ = c.stop()
    check(code == 0, "exit 0 after a flood", str(code))

    # SIGTERM during a request: the request completes, new connections are
    # refused, the process exits 0.
    b = Server(tmp, "b", "--read-timeout", "20")
    body = example("runner_in_heat")
    s = b.socket()
    s.sendall(b"POST /api/v1/assess HTTP/1.1\r\n" + f"Host: 127.0.0.1:{b.port}\r\n".encode() + b"Content-Type: application/json\r\n"
              b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body[:100])
    time.sleep(0.3)
    b.proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 10
    refused = False
    while time.monotonic() < deadline and not refused:  # the listener closes soon after the signal
        try:
            socket.create_connection(("127.0.0.1", b.port), timeout=1).close()
            time.sleep(0.05)
        except OSError:
            refused = True
    check(refused, "no new connections after SIGTERM")
    check(b.proc.poll() is None, "still running while a request is in flight")
    s.sendall(body[100:])
    reply = read_until_closed(s)
    check(reply.startswith(b"HTTP/1.1 200 ") and b"Connection: close" in reply and b'"decision":"trial_ok"' in reply,
          "the request in flight completes", reply[:300])
    s.close()
    code, log = b.stop(signalled=True)
    check(code == 0, "exit 0 after draining", f"{code}: {log[-300:]}")

finish("serve")
