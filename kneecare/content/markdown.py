"""Markdown written by coaches, rendered to HTML that cannot carry script."""

import re
from functools import lru_cache

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote",
    "h3", "h4", "code", "pre", "a", "abbr", "sup", "sub", "hr", "table",
    "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# A link the sanitiser left without an address ("[words](https://)", a script URL): nh3
# keeps the <a> without href, which looks like a link and goes nowhere. Keep its words only.
LINK_WITHOUT_ADDRESS = re.compile(r"<a(?=[\s>])(?![^>]*\shref=)[^>]*>(.*?)</a>", re.DOTALL)


class NoRawHtml(markdown_lib.Extension):
    """Raw HTML typed in the text is shown as typed, never as markup ("No HTML", as the
    fields' help says): without these two steps Markdown passes `<b>x</b>` through."""

    def extendMarkdown(self, md):  # noqa: N802 - Markdown's own name.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


@lru_cache(maxsize=2048)
def render_markdown(text: str) -> SafeString:
    """Render Markdown with raw HTML escaped, then let nh3 keep only harmless tags,
    attributes and URL schemes (a second line of defence).

    Cached by text: the same coach-written text always renders the same, and content
    pages and triage results render the same few hundred texts over and over.
    """
    html = markdown_lib.markdown(
        text or "", extensions=["sane_lists", NoRawHtml()], output_format="html"
    )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    cleaned = LINK_WITHOUT_ADDRESS.sub(r"\1", cleaned)
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just sanitised it.
