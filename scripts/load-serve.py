#!/usr/bin/env python3
"""Bounded load test of `parcours serve` on loopback (standard library only).

Usage: scripts/load-serve.py HOST:PORT PROFILE [REQUESTS] [CONNECTIONS]

Sends REQUESTS (default 2000) plans of PROFILE to POST /api/v1/plan over CONNECTIONS (default 8)
keep-alive connections, each profile distinct (its name numbered, so that nothing could answer
from a cache), and prints the throughput, the p50 / p99 latencies and the status codes. Refuses
any address outside the loopback range; stops after REQUESTS or 120 seconds, whichever first.
"""
import http.client
import ipaddress
import sys
import threading
import time

LIMIT_SECONDS = 120


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    host, port = sys.argv[1].rsplit(":", 1)
    if not ipaddress.ip_address(host.strip("[]")).is_loopback:
        sys.exit("loopback addresses only (127.0.0.0/8, ::1)")
    text = open(sys.argv[2], encoding="utf-8").read()
    total = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    connections = int(sys.argv[4]) if len(sys.argv) > 4 else 8
    lock = threading.Lock()
    latencies, codes, sent = [], {}, [0]
    start = time.perf_counter()

    def worker():
        conn = http.client.HTTPConnection(host.strip("[]"), int(port), timeout=60)
        while True:
            with lock:
                if sent[0] >= total or time.perf_counter() - start > LIMIT_SECONDS:
                    return
                i = sent[0]
                sent[0] += 1
            body = text.replace('name: "', 'name: "n%d ' % i, 1).encode()
            t = time.perf_counter()
            conn.request("POST", "/api/v1/plan", body=body)
            answer = conn.getresponse()
            answer.read()
            d = time.perf_counter() - t
            with lock:
                latencies.append(d)
                codes[answer.status] = codes.get(answer.status, 0) + 1

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    n = len(latencies)
    print(
        "%d requests in %.2f s: %.0f /s, p50 %.1f ms, p99 %.1f ms, codes %s"
        % (n, elapsed, n / elapsed, latencies[n // 2] * 1000,
           latencies[min(n - 1, int(n * 0.99))] * 1000, dict(sorted(codes.items())))
    )


if __name__ == "__main__":
    main()
