"""Which network addresses newsqa may fetch from, decided after the name is resolved.

An address added through the web UI or the HTTP API is someone else's choice: it
must not make the server reach into its own machine or network (a loopback
admin page, a cloud metadata address, a printer). The check is made on the
addresses a name resolves to, and the connection is made to the address that
was checked, so a name cannot resolve to a public address for the check and a
private one for the connection.
"""

from __future__ import annotations

import ipaddress
import socket

from rag.errors import FetchError

ALLOW_SETTING = "fetch_allow_private"


def is_public(address: str) -> bool:
    """True for a globally routable unicast address (not private, loopback, link-local, ...)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def resolve(host: str, port: int, *, guarded: bool) -> str:
    """The address to connect to for ``host``; with ``guarded``, only a public one.

    Every address the name has must be public: a name that also resolves to a
    private address is refused rather than left to chance.
    """
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"the host name {host!r} could not be resolved") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    if not addresses:
        raise FetchError(f"the host name {host!r} could not be resolved")
    if guarded:
        private = [a for a in addresses if not is_public(a)]
        if private:
            raise FetchError(
                f"{host} is on a private, loopback or link-local network ({private[0]}); "
                f"addresses added through the web are not fetched from there unless the "
                f"setting {ALLOW_SETTING} is true"
            )
    return addresses[0]
