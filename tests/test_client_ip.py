from django.test import RequestFactory

from kneecare.client_ip import client_ip


class TestClientIp:
    def test_it_uses_the_direct_address_without_trusted_proxies(self, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        request = RequestFactory().get(
            "/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="1.2.3.4"
        )
        assert client_ip(request) == "203.0.113.7"

    def test_it_takes_the_address_the_balancer_saw(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        request = RequestFactory().get(
            "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7"
        )
        assert client_ip(request) == "203.0.113.7"

    def test_it_counts_back_over_each_trusted_proxy(self, settings):
        settings.TRUSTED_PROXY_COUNT = 2
        request = RequestFactory().get(
            "/", REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7, 10.0.0.2"
        )
        assert client_ip(request) == "203.0.113.7"

    def test_it_falls_back_when_the_header_is_missing(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2")
        assert client_ip(request) == "10.0.0.2"
