import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "h3", "h4", "code", "pre", "hr"}


@register.filter
def markdown(text: str) -> str:
    """Residents' Markdown as HTML; nh3 keeps only harmless tags, so no script or style gets through."""
    html = markdown_lib.markdown(text or "", extensions=["sane_lists"], output_format="html")
    # Headings shift down: the page already has its h1 and h2s.
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>").replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(clean)  # sanitised by nh3 just above
