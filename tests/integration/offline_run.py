"""Run ``newsqa`` with every network connection refused and recorded.

Usage: python offline_run.py LOG_FILE NEWSQA_ARGS...  The log lists each attempt.
"""

from __future__ import annotations

import socket
import sys

attempts: list[str] = []
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_network(sock: socket.socket) -> bool:
    return sock.family in (socket.AF_INET, socket.AF_INET6)


def _guarded_connect(self: socket.socket, address) -> None:
    if _is_network(self):
        attempts.append(f"connect {address!r}")
        raise OSError("network access is disabled in this test")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address) -> int:
    if _is_network(self):
        attempts.append(f"connect_ex {address!r}")
        return 111
    return _real_connect_ex(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    attempts.append(f"getaddrinfo {host!r}")
    raise socket.gaierror("name resolution is disabled in this test")


socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex
socket.getaddrinfo = _guarded_getaddrinfo

if __name__ == "__main__":
    log_file, args = sys.argv[1], sys.argv[2:]
    from ui.cli import cli

    try:
        cli.main(args=args, prog_name="newsqa", standalone_mode=False)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        with open(log_file, "w") as log:
            log.write("\n".join(attempts))
    sys.exit(code)
