"""Probe: do slow clients starve a running site, and is a huge anonymous POST refused early?

Run against any running Gongkai (``gongkai serve``, or nginx in front of it, see ``deploy/``)::

    .venv/bin/python benchmarks/bench_slow_clients.py http://127.0.0.1:8000/ [--slow 2]
    .venv/bin/python benchmarks/bench_slow_clients.py http://127.0.0.1:8080/ --post-mb 100

The first form opens ``--slow`` connections that send a request line and then one header line
per second (``--mode headers``) or announce a body and send one byte per second
(``--mode body``), waits a second, then times a plain ``GET`` of the URL (bound: 3 s, exit 1
above it). The second form streams an anonymous ``multipart`` POST of that many MB to
``/apply/`` and reports the status, the seconds and how much of the body was sent before the
server answered (a front server that refuses early answers 413 after a few KB/MB).
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

BOUND_S = 3.0
# Any well-formed CSRF cookie makes Django look for the token in the body, i.e. read it all.
CSRF_COOKIE = "a" * 32


def _address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 80


def trickle(url: str, mode: str, stop: threading.Event) -> None:
    """One slow client: a request whose headers (or body) arrive a line (a byte) per second."""
    host, port = _address(url)
    try:
        with socket.create_connection((host, port), timeout=120) as sock:
            if mode == "headers":
                sock.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\n".encode())
            else:
                head = (
                    f"POST /apply/ HTTP/1.1\r\nHost: {host}\r\nContent-Length: 1000000\r\n"
                    f"Cookie: csrftoken={CSRF_COOKIE}\r\n"
                    "Content-Type: application/x-www-form-urlencoded\r\n\r\n"
                )
                sock.sendall(head.encode())
            n = 0
            while not stop.wait(1.0):
                sock.sendall(f"X-Slow-{n}: 1\r\n".encode() if mode == "headers" else b"a")
                n += 1
    except OSError:
        return  # the server closed the connection: that is its right


def timed_get(url: str, timeout: float = 60.0) -> tuple[int, float]:
    """``(status, seconds)`` of one GET (status 0 when it timed out or failed)."""
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - probe
            response.read()
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        status = exc.code
    except OSError:
        status = 0
    return status, time.monotonic() - start


def slow_clients(url: str, slow: int, mode: str) -> tuple[int, float]:
    stop = threading.Event()
    threads = [
        threading.Thread(target=trickle, args=(url, mode, stop), daemon=True) for _ in range(slow)
    ]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    try:
        return timed_get(url)
    finally:
        stop.set()


def big_post(url: str, megabytes: int) -> tuple[int, float, int, bytes]:
    """``(status, seconds to the answer, bytes of the file sent before it, the answer)`` of an
    anonymous multipart POST (with a CSRF cookie, so that Django would read the body)."""
    host, port = _address(url)
    boundary = "gongkaiprobe"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    size = megabytes * 1024 * 1024
    length = len(head) + size + len(tail)
    request = (
        f"POST /apply/ HTTP/1.1\r\nHost: {host}\r\nContent-Length: {length}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\nConnection: close\r\n"
        f"Cookie: csrftoken={CSRF_COOKIE}\r\n\r\n"
    ).encode()
    chunk = b"\0" * (256 * 1024)
    sent = 0
    start = time.monotonic()
    with socket.create_connection((host, port), timeout=120) as sock:
        sock.sendall(request + head)
        sock.setblocking(False)
        answer = b""
        while sent < size:
            with contextlib.suppress(BlockingIOError):
                answer += sock.recv(65536)
            if answer:
                break
            try:
                sent += sock.send(chunk[: min(len(chunk), size - sent)])
            except BlockingIOError:
                time.sleep(0.001)
            except OSError:
                break  # reset by the server after its answer
        sock.setblocking(True)
        if not answer and sent >= size:
            sock.sendall(tail)
        if not answer:
            with contextlib.suppress(OSError):
                answer = sock.recv(65536)
        seconds = time.monotonic() - start  # until the first byte of the answer
        try:
            while len(answer) < 65536:
                data = sock.recv(65536)
                if not data:
                    break
                answer += data
        except OSError:
            pass  # reset after the answer
    status_line = answer.split(b"\r\n", 1)[0].split()
    status = int(status_line[1]) if len(status_line) > 1 and status_line[1].isdigit() else 0
    return status, seconds, sent, answer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--slow", type=int, default=2)
    parser.add_argument("--mode", choices=["headers", "body"], default="headers")
    parser.add_argument("--post-mb", type=int, default=0)
    args = parser.parse_args()
    if args.post_mb:
        status, seconds, sent, _answer = big_post(args.url, args.post_mb)
        print(f"{args.post_mb} MB POST: status {status}, {seconds:.2f} s, sent {sent / 1e6:.1f} MB")
        return 0
    status, seconds = slow_clients(args.url, args.slow, args.mode)
    print(f"{args.slow} slow clients ({args.mode}): third GET status {status} in {seconds:.2f} s")
    return 0 if status and seconds < BOUND_S else 1


if __name__ == "__main__":
    sys.exit(main())
