"""sitemap.xml is written line by line (output/sitemap.py): byte for byte what ElementTree writes."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from zoneportal.output.sitemap import sitemap_tree_xml, sitemap_xml

# Text XML can hold (ElementTree writes anything; XML 1.0 forbids most control characters).
_xml_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff") | st.sampled_from("&<>\"'"),
    max_size=40,
)
_entries = st.lists(st.tuples(_xml_text, st.none() | st.dates(min_value=date(1990, 1, 1))), max_size=8)


@given(_entries)
def test_the_sitemap_is_what_elementtree_writes(entries: list[tuple[str, date | None]]) -> None:
    assert sitemap_xml(entries) == sitemap_tree_xml(entries)


def test_an_address_with_markup_characters_is_escaped() -> None:
    xml = sitemap_xml([("https://cong.gov.vn/tim?a=1&b=<2>", date(2024, 6, 1)), ("https://cong.gov.vn/", None)])
    assert b"<loc>https://cong.gov.vn/tim?a=1&amp;b=&lt;2&gt;</loc>" in xml
    assert b"<lastmod>2024-06-01</lastmod>" in xml and xml.count(b"<lastmod>") == 1
    assert sitemap_xml([]) == sitemap_tree_xml([])
