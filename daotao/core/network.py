"""The client's address as the application should see it: behind the reverse proxies
named in ``TRUSTED_PROXIES`` the address they forwarded, otherwise the connecting one.

One function for the lockout (django-axes), the rate limits, the visit counter and
the security log, so an address is never trusted in one place and not in another.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The nearest address in the chain that is not one of our trusted proxies
    ("" for a request without an address, as one built in a command).

    ``X-Forwarded-For`` is read only when the connecting peer is a trusted proxy,
    and right to left (each proxy appends what it saw), so a header a client forged
    is never taken for its address.
    """
    remote = request.META.get("REMOTE_ADDR") or ""
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    address = remote
    hops = [part.strip() for part in forwarded.split(",") if part.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            break  # garbage in the chain: stop at the last proxy that vouched for it
        address = hop
        if not _is_trusted(hop, networks):
            break
    return address
