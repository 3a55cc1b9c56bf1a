#!/usr/bin/env python3
"""bench/http/wire_latency.py, the reader behind the wire's latency in
bench/http_load.sh, on a capture written here with known times: two
connections to port 8080, one answered in 2 ms then 28 ms (a server wait),
whose third request comes 40 ms after its answer (a client wait) in two
packets, the other
answered in 1 ms in two packets. Also: a file that is not a capture, and a
capture with no answer, fail with a message naming the file.

usage: wire_latency_test.py BENCH_DIR"""
import os
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "http"))
from checks import check, finish  # noqa: E402

READER = os.path.join(sys.argv[1], "http", "wire_latency.py")
PORT = 8080


def frame(source, destination, payload):
    """An Ethernet frame with an IPv4 TCP segment carrying `payload` bytes."""
    tcp = struct.pack(">HHIIBBHHH", source, destination, 0, 0, 5 << 4, 0x18, 65535, 0, 0) + b"x" * payload
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0, 64, 6, 0, bytes([127, 0, 0, 1]),
                     bytes([127, 0, 0, 1]))
    return b"\0" * 12 + b"\x08\x00" + ip + tcp


def capture(path, packets):
    """A little-endian microsecond pcap file of (ms, source, destination, payload)."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for ms, source, destination, payload in packets:
            data = frame(source, destination, payload)
            micros = round(ms * 1000)
            f.write(struct.pack("<IIII", 1000 + micros // 1_000_000, micros % 1_000_000, len(data), len(data)))
            f.write(data)


def read(path):
    return subprocess.run([sys.executable, READER, path, str(PORT)], capture_output=True, text=True)


def fields(line):
    return dict(part.split("=") for part in line.split()[1:])


A, B = 40001, 40002
packets = [
    (0.0, A, PORT, 300),    # A asks
    (0.5, B, PORT, 300),    # B asks
    (1.0, PORT, A, 0),      # a bare ACK is neither a request nor an answer
    (1.5, PORT, B, 1400),   # B's answer, 1 ms, in two packets
    (1.6, PORT, B, 800),
    (2.0, PORT, A, 2000),   # A's answer after 2 ms
    (2.1, A, PORT, 300),    # A asks again at once
    (30.1, PORT, A, 2000),  # answered after 28 ms: the server's wait
    (70.1, A, PORT, 300),   # A's next request 40 ms after: the client's wait,
    (85.1, A, PORT, 300),   # in two packets, 15 ms apart (one wait, not two)
    (86.1, PORT, A, 2000),  # answered 1 ms after its last packet (not 16)
]
with tempfile.TemporaryDirectory() as tmp:
    good = os.path.join(tmp, "phase.pcap")
    capture(good, packets)
    run = read(good)
    check(run.returncode == 0, "a capture is read", run.stderr)
    line = run.stdout.strip()
    check(line.startswith("WIRE "), "one WIRE line", line)
    got = fields(line) if line.startswith("WIRE ") else {}
    # Four answers: 1, 1, 2 and 28 ms (B's second packet is not a new answer).
    check(got.get("wire_p50_ms") == "2.000", "the median answer took 2 ms", got)
    check(got.get("wire_max_ms") == "28.000", "the slowest answer took 28 ms", got)
    check(got.get("wire_p99_ms") == "28.000", "p99 of four answers is the slowest", got)
    check(got.get("server_waits") == "1", "one answer later than 20 ms", got)
    check(got.get("client_waits") == "1", "one next request later than 20 ms", got)
    check(got.get("silence_ms") == "40.0", "the longest time no packet moved: 40 ms", got)

    not_capture = os.path.join(tmp, "notes.txt")
    with open(not_capture, "w") as f:
        f.write("not a capture, but long enough to have a header\n")
    run = read(not_capture)
    check(run.returncode != 0 and "notes.txt" in run.stderr and "pcap" in run.stderr,
          "a file that is not a capture is refused by name", run.stderr)

    unanswered = os.path.join(tmp, "unanswered.pcap")
    capture(unanswered, [(0.0, A, PORT, 300)])
    run = read(unanswered)
    check(run.returncode != 0 and "no request and answer" in run.stderr, "a capture with no answer is refused",
          run.stderr)

finish("wire_latency")
