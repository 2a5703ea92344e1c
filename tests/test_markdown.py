from html.parser import HTMLParser

import pytest

from kneecare.content.markdown import render_markdown


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """The elements the HTML really has (escaped text like `&lt;img onerror&gt;` has none)."""
    found: list[tuple[str, dict[str, str | None]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collect().feed(html)
    return found


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
        tags = elements(html)
        assert {tag for tag, _ in tags} <= {"p"}  # raw HTML is text, never an element
        assert not any(name.startswith("on") or name == "style" for _, a in tags for name in a)
        assert "<script" not in html and "<iframe" not in html and "<img" not in html

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
        hrefs = [a.get("href") or "" for tag, a in elements(html) if tag == "a"]
        assert not any(href.startswith(("javascript:", "data:", "vbscript:")) for href in hrefs), (
            hrefs
        )
        if link.startswith("["):  # Markdown's own links lose the address entirely
            assert "javascript:" not in html and "data:" not in html
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

    @pytest.mark.parametrize(
        "raw", ["<b>x</b>", "<i>x</i>", "<strong>x</strong>", "<abbr>x</abbr>", "<div>\nx\n</div>"]
    )
    def test_raw_html_shows_as_typed_never_as_markup(self, raw):
        html = render_markdown(f"Before {raw} after")
        assert "&lt;" in html
        assert "<b>" not in html and "<i>" not in html and "<strong>" not in html
        assert "<abbr>" not in html and "<div>" not in html

    def test_it_keeps_markdowns_own_autolinks_and_entities(self):
        html = render_markdown("See <https://www.nhs.uk/> &amp; 3 < 4")
        assert '<a href="https://www.nhs.uk/"' in html
        assert "&amp; 3 &lt; 4" in html

    def test_it_treats_empty_text_as_nothing(self):
        assert render_markdown("") == ""
