"""Which address a request really comes from, trusting only our own proxies.

Pure Python, no Django. A proxy we run (nginx in `deploy/`, a load balancer) appends the
address it saw to `X-Forwarded-For` and sets `X-Forwarded-Proto`. Anyone else can send
those headers too, so they are read only when the connection itself comes from an address
in `TRUSTED_PROXIES`, and then only from the right: each hop added by one of our proxies is
skipped, and the first address that is not ours is the client. Entries further left were
written by the client and are never read.
"""

import ipaddress
from collections.abc import Iterable, Sequence

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(cidrs: Iterable[str]) -> tuple[Network, ...]:
    """CIDRs (or bare addresses) as networks; ValueError names the first one that is not."""
    networks = []
    for cidr in cidrs:
        try:
            networks.append(ipaddress.ip_network(cidr.strip(), strict=False))
        except ValueError as error:
            raise ValueError(f"{cidr!r} is not an IP address or CIDR network") from error
    return tuple(networks)


def is_trusted(address: str, *, trusted: Sequence[Network]) -> bool:
    """Whether `address` (as in REMOTE_ADDR) is one of our proxies."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip.version == network.version and ip in network for network in trusted)


def client_address(*, remote_addr: str, forwarded_for: str, trusted: Sequence[Network]) -> str:
    """The address of the client: `remote_addr`, unless that is one of our proxies, in
    which case the right-most `X-Forwarded-For` entry that is not one of our proxies.

    If every hop is ours (a health check from the proxy itself), the left-most hop is the
    client. A malformed entry stops the walk: what lies left of it cannot be trusted.
    """
    if not is_trusted(remote_addr, trusted=trusted):
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    client = remote_addr
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            break
        client = hop
        if not is_trusted(hop, trusted=trusted):
            break
    return client
