#!/usr/bin/env python3
"""Request latency as the wire saw it. Reads a packet capture of one load
phase on loopback (tcpdump -i lo -w FILE 'tcp port PORT') and, per
connection, pairs each request with its response: the time from the last
packet of a request to the first packet of its answer is the server's
(queueing in the kernel included); the time from the last packet of an
answer to the next request's first packet is the client's. Unlike wrk's
percentiles, nothing here is corrected for coordinated omission, and a pause
of the client shows as the client's time, not the server's.

    bench/http/wire_latency.py CAPTURE PORT

Prints one line, for bench/http_load.sh:
WIRE wire_p50_ms=... wire_p90_ms=... wire_p99_ms=... wire_max_ms=...
     server_waits=N (answers later than 20 ms) client_waits=N (next requests
     later than 20 ms) silence_ms=... (the longest time no packet moved)
"""
import struct
import sys
from collections import defaultdict

SLOW = 0.020  # seconds


def packets(path, port):
    """(time, from_client, payload_bytes, client_port) for each TCP packet."""
    with open(path, "rb") as f:
        head = f.read(24)
        if len(head) < 24:
            sys.exit(f"{path}: not a capture file (too short)")
        magic = struct.unpack("<I", head[:4])[0]
        if magic not in (0xA1B2C3D4, 0xA1B23C4D):
            sys.exit(f"{path}: not a little-endian pcap file (magic {magic:#x})")
        scale = 1e-9 if magic == 0xA1B23C4D else 1e-6
        link = struct.unpack("<I", head[20:24])[0]
        offset = {1: 14, 113: 16}.get(link)  # Ethernet (loopback on Linux), Linux cooked
        if offset is None:
            sys.exit(f"{path}: link type {link} is not Ethernet or Linux cooked")
        while len(record := f.read(16)) == 16:
            seconds, fraction, captured, _ = struct.unpack("<IIII", record)
            frame = f.read(captured)
            ip = frame[offset:]
            if len(ip) < 20 or ip[0] >> 4 != 4:
                continue
            ip_header = (ip[0] & 15) * 4
            total = struct.unpack(">H", ip[2:4])[0]
            tcp = ip[ip_header:]
            if len(tcp) < 14:
                continue
            source, destination = struct.unpack(">HH", tcp[:4])
            payload = total - ip_header - (tcp[12] >> 4) * 4
            to_server = destination == port
            yield seconds + fraction * scale, to_server, payload, source if to_server else destination


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: wire_latency.py CAPTURE PORT")
    path, port = sys.argv[1], int(sys.argv[2])
    server, client_waits = [], 0
    asked, answered = {}, {}  # per connection: when its request ended, its answer ended
    silence, last = 0.0, None  # a capture lists its packets in time order
    for when, to_server, payload, connection in packets(path, port):
        if last is not None:
            silence = max(silence, when - last)
        last = when
        if payload == 0:
            continue
        if to_server:
            if connection in answered:  # the first packet of the next request
                client_waits += when - answered.pop(connection) > SLOW
            asked[connection] = when
        else:
            if connection in asked:  # the first packet of the answer
                server.append(when - asked.pop(connection))
            answered[connection] = when
    if not server:
        sys.exit(f"{path}: no request and answer on port {port}")
    server.sort()
    pick = lambda q: server[min(len(server) - 1, int(q * len(server)))] * 1e3
    print(f"WIRE wire_p50_ms={pick(0.5):.3f} wire_p90_ms={pick(0.9):.3f} wire_p99_ms={pick(0.99):.3f} "
          f"wire_max_ms={server[-1] * 1e3:.3f} server_waits={sum(s > SLOW for s in server)} "
          f"client_waits={client_waits} silence_ms={silence * 1e3:.1f}")


if __name__ == "__main__":
    main()
