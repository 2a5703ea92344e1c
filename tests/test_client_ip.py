import ipaddress

import pytest
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from kneecare.client_ip import client_ip
from kneecare.proxies import client_address, is_trusted, parse_networks

OUR_PROXIES = parse_networks(["10.0.0.0/8", "127.0.0.1/32", "::1/128"])


class TestClientAddress:
    def test_it_uses_the_direct_address_without_trusted_proxies(self):
        assert (
            client_address(remote_addr="203.0.113.7", forwarded_for="1.2.3.4", trusted=())
            == "203.0.113.7"
        )

    def test_it_ignores_the_header_from_a_client_that_is_not_our_proxy(self):
        assert (
            client_address(remote_addr="203.0.113.7", forwarded_for="1.2.3.4", trusted=OUR_PROXIES)
            == "203.0.113.7"
        )

    def test_it_takes_the_address_our_proxy_saw(self):
        assert (
            client_address(
                remote_addr="10.0.0.2", forwarded_for="1.2.3.4, 203.0.113.7", trusted=OUR_PROXIES
            )
            == "203.0.113.7"
        )

    def test_it_skips_every_hop_of_ours(self):
        assert (
            client_address(
                remote_addr="127.0.0.1",
                forwarded_for="1.2.3.4, 203.0.113.7, 10.0.0.9",
                trusted=OUR_PROXIES,
            )
            == "203.0.113.7"
        )

    def test_it_takes_the_proxy_itself_when_it_sends_no_header(self):
        assert (
            client_address(remote_addr="10.0.0.2", forwarded_for="", trusted=OUR_PROXIES)
            == "10.0.0.2"
        )

    def test_it_stops_at_a_malformed_hop(self):
        assert (
            client_address(
                remote_addr="10.0.0.2",
                forwarded_for="203.0.113.7, junk, 10.0.0.5",
                trusted=OUR_PROXIES,
            )
            == "10.0.0.5"
        )

    def test_it_trusts_ipv4_proxies_seen_as_mapped_ipv6(self):
        assert is_trusted("::ffff:127.0.0.1", trusted=OUR_PROXIES)
        assert not is_trusted("::ffff:203.0.113.7", trusted=OUR_PROXIES)

    def test_it_names_a_bad_network(self):
        with pytest.raises(ValueError, match="not-an-address"):
            parse_networks(["10.0.0.0/8", "not-an-address"])

    @given(
        client=st.ip_addresses(v=4).filter(lambda ip: not ip.is_private),
        forged=st.lists(st.ip_addresses(v=4).map(str), max_size=4),
        proxies=st.lists(st.integers(1, 254), min_size=1, max_size=3),
    )
    def test_no_forged_entry_changes_the_address_our_proxies_saw(self, client, forged, proxies):
        hops = [*forged, str(client), *(f"10.0.0.{n}" for n in proxies[:-1])]
        result = client_address(
            remote_addr=f"10.0.0.{proxies[-1]}", forwarded_for=", ".join(hops), trusted=OUR_PROXIES
        )
        assert result == str(client)

    @given(remote=st.ip_addresses(v=4), forwarded=st.text(max_size=60))
    def test_a_client_outside_our_proxies_is_always_its_own_address(self, remote, forwarded):
        if ipaddress.ip_address(remote) in OUR_PROXIES[0] or str(remote) == "127.0.0.1":
            return
        assert client_address(
            remote_addr=str(remote), forwarded_for=forwarded, trusted=OUR_PROXIES
        ) == str(remote)


class TestClientIp:
    def test_it_reads_the_trusted_proxies_setting(self, settings):
        settings.TRUSTED_PROXY_NETWORKS = parse_networks(["10.0.0.0/8"])
        behind = RequestFactory().get(
            "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7"
        )
        direct = RequestFactory().get(
            "/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="203.0.113.7"
        )
        assert client_ip(behind) == "203.0.113.7"
        assert client_ip(direct) == "198.51.100.4"
