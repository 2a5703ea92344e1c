import pytest

from kneecare.content.markdown import render_markdown


class TestRenderMarkdown:
    def test_it_renders_paragraphs_lists_and_emphasis(self):
        html = render_markdown("Rest **first**.\n\n- ice\n- compression")
        assert "<strong>first</strong>" in html
        assert "<li>ice</li>" in html

    @pytest.mark.parametrize(
        "payload",
        [
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            '<a href="#" onclick="alert(1)">tap</a>',
            "<svg onload=alert(1)>",
            "<iframe src=javascript:alert(1)></iframe>",
            '<p style="background:url(javascript:alert(1))">x</p>',
        ],
    )
    def test_it_strips_script_and_event_handlers(self, payload):
        html = render_markdown(payload).lower()
        assert "<script" not in html
        assert "onerror" not in html
        assert "onclick" not in html
        assert "onload" not in html
        assert "<iframe" not in html
        assert "style=" not in html

    @pytest.mark.parametrize(
        "link",
        [
            "[tap](javascript:alert(1))",
            "[tap](JaVaScRiPt:alert(1))",
            '<a href="javascript:alert(1)">tap</a>',
            "[tap](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[tap](vbscript:msgbox(1))",
        ],
    )
    def test_it_strips_dangerous_link_schemes(self, link):
        html = render_markdown(link).lower()
        assert "javascript:" not in html
        assert "data:" not in html
        assert "vbscript:" not in html

    def test_it_keeps_safe_links_and_marks_them_noopener(self):
        html = render_markdown("[NICE](https://cks.nice.org.uk/)")
        assert 'href="https://cks.nice.org.uk/"' in html
        assert "noopener" in html

    @pytest.mark.parametrize(
        "link", ["[words to click](https://)", "[words to click](javascript:alert(1))"]
    )
    def test_a_link_without_a_usable_address_shows_as_plain_words(self, link):
        html = render_markdown(
            f"See <abbr>NHS</abbr> and {link} or [NICE](https://cks.nice.org.uk/)."
        )
        assert "words to click" in html
        assert "<a>" not in html and "<a rel" not in html  # no link that goes nowhere
        assert html.count("<a ") == 1 and 'href="https://cks.nice.org.uk/"' in html

    def test_it_keeps_links_to_its_own_pages(self):
        html = render_markdown("[Runner's knee](/conditions/runners-knee/)")
        assert '<a href="/conditions/runners-knee/"' in html

    def test_it_treats_empty_text_as_nothing(self):
        assert render_markdown("") == ""
