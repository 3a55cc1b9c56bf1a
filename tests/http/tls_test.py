#!/usr/bin/env python3
"""serve over TLS (OpenSSL 3 through Beast): TLS 1.2 and 1.3 only (checked
with openssl s_client), HSTS on every answer, Secure session cookies, https
origins, --public-host in the Host check, and unusable certificate files
refused before listening. Usage: tls_test.py TRIALWISE"""

import http.client
import json
import os
import re
import signal
import ssl
import subprocess
import sys
import tempfile

TW = sys.argv[1]
GOOD = "correct horse battery staple"
failures = 0


def check(ok, what, detail=""):
    global failures
    if not ok:
        print("FAIL:", what, detail)
        failures += 1


def s_client(port, *flags):
    p = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-servername", "localhost", *flags],
                       input="", capture_output=True, text=True, timeout=30)
    return p.returncode, p.stdout + p.stderr


with tempfile.TemporaryDirectory() as tmp:
    cert, key, db = (os.path.join(tmp, n) for n in ("cert.pem", "key.pem", "trialwise.db"))
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], check=True, capture_output=True)
    env = dict(os.environ, TRIALWISE_DB=db)
    subprocess.run([TW, "account", "add", "--email", "ada@example.org", "--password-stdin"], input=GOOD + "\n",
                   text=True, env=env, check=True, capture_output=True)

    # Unusable files are refused before listening, naming the flag.
    for flags, where in ((["--tls-cert", key, "--tls-key", key], "--tls-cert"),
                         (["--tls-cert", cert, "--tls-key", cert], "--tls-key"),
                         (["--tls-cert", os.path.join(tmp, "none.pem"), "--tls-key", key], "--tls-cert")):
        p = subprocess.run([TW, "serve", "--port", "0", "--db", db, *flags], capture_output=True, text=True, timeout=20)
        check(p.returncode == 2 and where in p.stderr and p.stdout == "", f"bad TLS files {flags[1]} refused", p.stderr)

    proc = subprocess.Popen([TW, "serve", "--accounts", "--tls-cert", cert, "--tls-key", key, "--public-host",
                             "Clinic.Example", "--port", "0", "--db", db], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        match = re.fullmatch(r"listening on https://127\.0\.0\.1:(\d+)\n", proc.stdout.readline())
        if not match:
            raise SystemExit("FAIL: serve did not say it listens on https")
        port = int(match.group(1))
        ctx = ssl.create_default_context(cafile=cert)

        def call(method, path, body=None, headers=None):
            conn = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=20)
            h = dict(headers or {})
            if body is not None:
                h["Content-Type"] = "application/json"
            conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
            res = conn.getresponse()
            return res.status, dict(res.getheaders()), res.read()

        status, headers, _ = call("GET", "/healthz")
        check(status == 200, "GET /healthz over TLS", status)
        check(headers.get("Strict-Transport-Security") == "max-age=31536000", "HSTS on every answer", headers)
        status, headers, _ = call("POST", "/api/v1/session", {"email": "ada@example.org", "password": GOOD},
                                  {"Origin": f"https://127.0.0.1:{port}"})
        cookie = headers.get("Set-Cookie", "")
        check(status == 204 and "; Secure" in cookie and "HttpOnly" in cookie, "a Secure cookie over TLS", cookie)
        status, _, body = call("POST", "/api/v1/session", {"email": "ada@example.org", "password": GOOD},
                               {"Origin": f"http://127.0.0.1:{port}"})
        check(status == 403, "an http:// origin is another site under TLS", status)
        status, _, _ = call("GET", "/healthz", headers={"Host": f"clinic.example:{port}"})
        check(status == 200, "the public name is answered", status)
        status, _, _ = call("GET", "/healthz", headers={"Host": f"other.example:{port}"})
        check(status == 421, "another name is refused (DNS rebinding)", status)

        # Plain HTTP to the TLS port gets no answer from the API.
        try:
            plain = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            plain.request("GET", "/healthz")
            got = plain.getresponse().status
        except Exception:
            got = None
        check(got != 200, "plain HTTP is not served on the TLS port", got)

        # The protocol versions, from OpenSSL's own client: 1.2 and 1.3 only.
        for version, ok in (("-tls1_2", True), ("-tls1_3", True), ("-tls1_1", False), ("-tls1", False)):
            extra = ["-cipher", "DEFAULT@SECLEVEL=0"] if not ok else []
            code, text = s_client(port, version, *extra)
            negotiated = re.search(r"New, (TLSv[\d.]+), Cipher is (?!\(NONE\))", text)
            want = {"-tls1_2": "TLSv1.2", "-tls1_3": "TLSv1.3"}.get(version)
            if ok:
                check(code == 0 and negotiated is not None and negotiated.group(1) == want,
                      f"openssl s_client {version} connects with {want}", text[-400:])
            else:
                check(code != 0 and negotiated is None, f"openssl s_client {version} is refused", text[-400:])
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)

sys.exit(1 if failures else 0)
