import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.errors import EmptyInput, ExtractorError, UnsupportedInput
from extractor.models import Role, SourceKind
from extractor.read.formats import declared_charset, is_html
from extractor.read.html import decode_html, read_html
from extractor.read.source import read_source

BODY = (
    "<p>Aan de peiling deden 812 ambtenaren mee. Van hen werkt 44 procent bij een gemeente.</p>"
    "<h2>Werkdruk</h2>"
    "<p>Ruim een derde van de deelnemers vindt de werkdruk te hoog. Dat is meer dan vorig jaar.</p>"
    "<p>Vooral jongere ambtenaren noemen het aantal vergaderingen als oorzaak van de drukte.</p>"
)


def page(article: str, *, before: str = "", after: str = "", head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>{head}<title>Peiling</title></head>"
        f"<body>{before}<article><h1>Werkdruk bij de overheid</h1>{article}</article>{after}</body></html>"
    )


def roles(html: str | bytes, name: str = "page.html") -> list[tuple[Role, str]]:
    data = html.encode("utf-8") if isinstance(html, str) else html
    source = read_html(name, data)
    return [(hint.role, source.text[hint.start : hint.end]) for hint in source.hints]


def text_of(html: str) -> str:
    return read_html("page.html", html.encode("utf-8")).text


@pytest.mark.parametrize(
    ("before", "after", "marker"),
    [
        ("<nav><a href='/'>Home</a> <a href='/n'>Nieuws (12)</a></nav>", "", "Nieuws"),
        ("<div class='cookie-banner'><p>Wij gebruiken cookies. Met 3 partners delen we gegevens over het bezoek.</p></div>", "", "cookies"),
        ("<div role='dialog'><p>Wij plaatsen cookies voor 14 doeleinden; lees hier meer over ons beleid.</p></div>", "", "doeleinden"),
        ("", "<aside><h2>Lees ook</h2><ul><li><a href='/1'>Ruim 40 procent wil vaker thuiswerken</a></li><li><a href='/2'>Een op de drie gemeenten kampt met tekorten</a></li></ul></aside>", "40 procent"),
        ("", "<div><h3>Lees ook</h3><a href='/3'>62 procent van de managers verwacht meer AI-gebruik</a></div>", "62 procent"),
        ("", "<div class='x1'>Deel dit artikel: <a href='#'>LinkedIn</a> <a href='#'>X</a> <a href='#'>E-mail</a></div>", "Deel"),
        ("", "<footer><p>© 2025 Publiek Blad. 12.000 abonnees.</p></footer>", "abonnees"),
        ("<script>var share = '88 procent';</script><style>p{margin:0}</style><noscript>Zet 7 scripts aan</noscript>", "", "procent'"),
        ("", "<div hidden><p>Verborgen: 77 procent van de lezers klikt hier op een advertentie voor een cursus.</p></div>", "77 procent"),
        ("", "<div style='display: none'><p>Onzichtbaar: 66 procent van de lezers klikt hier op een advertentie.</p></div>", "66 procent"),
    ],
    ids=["nav", "cookie-class", "cookie-dialog", "related-list", "related-links", "share-bar", "footer", "scripts", "hidden", "display-none"],
)
def test_read_html_drops_boilerplate(before, after, marker):
    text = text_of(page(BODY, before=before, after=after))
    assert marker not in text
    assert "812 ambtenaren" in text and "Werkdruk" in text


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p class='rubric'>ZORG</p><h1>Titel van het stuk</h1><p>Aan de peiling deden 812 ambtenaren mee, van wie 44 procent bij een gemeente.</p>",
         (Role.RUBRIC, "ZORG")),
        ("<h1>Titel van het stuk</h1><p>Minder regels, meer ruimte</p><p>Aan de peiling deden 812 ambtenaren mee, van wie 44 procent bij een gemeente.</p>",
         (Role.SUBTITLE, "Minder regels, meer ruimte")),
        ("<header><h1>Titel van het stuk</h1><h2>Minder regels, meer ruimte</h2></header><p>Aan de peiling deden 812 ambtenaren mee, van wie 44 procent bij een gemeente.</p>",
         (Role.SUBTITLE, "Minder regels, meer ruimte")),
        ("<h1>Titel</h1><p><strong>Ambtenaren willen minder regels. Dat blijkt uit een nieuwe peiling onder het panel.</strong></p><p>Aan de peiling deden 812 ambtenaren mee, van wie 44 procent bij een gemeente.</p>",
         (Role.LEDE, "Ambtenaren willen minder regels. Dat blijkt uit een nieuwe peiling onder het panel.")),
        ("<h1>Titel</h1><p class='intro'>Ambtenaren willen minder regels, zo blijkt uit een peiling.</p><p>Aan de peiling deden 812 ambtenaren mee, van wie 44 procent bij een gemeente.</p>",
         (Role.LEDE, "Ambtenaren willen minder regels, zo blijkt uit een peiling.")),
        ("<h1>Titel</h1><p>Ambtenaren willen minder regels, zo blijkt uit een peiling.</p><p>Tekst Anna de Boer<br>Beeld Panel</p><p>Aan de peiling deden 812 ambtenaren mee, van wie 44 procent bij een gemeente.</p>",
         (Role.LEDE, "Ambtenaren willen minder regels, zo blijkt uit een peiling.")),
        ("<h1>Titel</h1><p>Door Anna de Boer</p><p>Aan de peiling deden 812 ambtenaren mee, van wie 44 procent bij een gemeente.</p>",
         (Role.BYLINE, "Door Anna de Boer")),
        ("<h1>Titel</h1><p><span>Tekst</span>\n<span>Anna de Boer</span></p><p>Aan de peiling deden 812 ambtenaren mee, van wie 44 procent bij een gemeente.</p>",
         (Role.BYLINE, "Tekst Anna de Boer")),
        (BODY, (Role.HEADING, "Werkdruk")),
        ("<p>Aan de peiling deden 812 ambtenaren mee, van wie 44 procent bij een gemeente.</p><h3>Werkdruk</h3><p>Ruim een derde vindt de werkdruk te hoog.</p>",
         (Role.HEADING, "Werkdruk")),
        ("<p>Aan de peiling deden 812 ambtenaren mee, van wie 44 procent bij een gemeente.</p><p><b>Hoe verder?</b></p><p>Ruim een derde vindt de werkdruk te hoog.</p>",
         (Role.HEADING, "Hoe verder?")),
        (BODY, (Role.BODY, "Aan de peiling deden 812 ambtenaren mee. Van hen werkt 44 procent bij een gemeente.")),
        (BODY + "<ul><li>Minder vergaderen: 38 procent.</li><li>Meer <em>thuiswerken</em>: 21 procent.</li></ul>",
         (Role.BULLET, "• Meer thuiswerken: 21 procent.")),
        (BODY + "<blockquote><p>‘Ruim een derde vindt de werkdruk te hoog’</p></blockquote>",
         (Role.PULL_QUOTE, "‘Ruim een derde vindt de werkdruk te hoog’")),
        (BODY + "<aside class='quote'>‘Vooral jongere ambtenaren noemen de vergaderingen’</aside>",
         (Role.PULL_QUOTE, "‘Vooral jongere ambtenaren noemen de vergaderingen’")),
        (BODY + "<figure><img src='a.jpg'><figcaption>Het stadskantoor telt 400 werkplekken.</figcaption></figure>",
         (Role.FURNITURE, "Het stadskantoor telt 400 werkplekken.")),
    ],
    ids=["kicker", "subtitle", "subtitle-in-header", "bold-lede", "named-lede", "lede-before-byline", "byline", "byline-spans",
         "h2", "h3", "bold-paragraph", "paragraph", "list-item", "blockquote", "aside", "caption"],
)
def test_read_html_maps_each_element_to_its_role(markup, expected):
    html = f"<html><body><article>{markup if '<h1>' in markup else '<h1>Titel</h1>' + markup}</article></body></html>"
    assert expected in roles(html)


def test_read_html_title_and_long_bold_paragraph_is_no_heading():
    found = roles(page(BODY + "<p><b>Wie minder vergadert, heeft meer tijd voor het eigenlijke werk en voor de burger.</b></p>"))
    assert found[0] == (Role.TITLE, "Werkdruk bij de overheid")
    assert (Role.BODY, "Wie minder vergadert, heeft meer tijd voor het eigenlijke werk en voor de burger.") in found


def test_read_html_without_h1_a_heading_that_opens_the_content_is_the_title():
    html = f"<html><body><div><h2>Werkdruk bij de overheid</h2>{BODY}</div></body></html>"
    found = roles(html)
    assert found[0] == (Role.TITLE, "Werkdruk bij de overheid")
    assert (Role.HEADING, "Werkdruk") in found


def test_read_html_double_line_breaks_part_paragraphs_and_anchors_are_no_links():
    html = (
        "<html><body><h1>Titel</h1><div>Aan de peiling deden 812 ambtenaren mee.<br>Van hen werkt 44 procent bij een gemeente."
        "<br> <br>Ruim een derde vindt de werkdruk te hoog.</div><h2><a id='werk'>Werkdruk</a></h2>"
        "<p>Vooral jongere ambtenaren noemen het aantal vergaderingen.</p></body></html>"
    )
    assert roles(html)[1:] == [
        (Role.BODY, "Aan de peiling deden 812 ambtenaren mee. Van hen werkt 44 procent bij een gemeente."),
        (Role.BODY, "Ruim een derde vindt de werkdruk te hoog."),
        (Role.HEADING, "Werkdruk"),
        (Role.BODY, "Vooral jongere ambtenaren noemen het aantal vergaderingen."),
    ]


def test_read_html_without_article_element_finds_the_densest_content():
    paragraphs = "".join(
        f"<p>In ronde {n} van de peiling gaven de deelnemers hun oordeel over de werkdruk in het eigen team.</p>"
        for n in range(1, 6)
    )
    html = (
        "<html><body><div class='a'><div class='b'><a href='/'>Home</a> <a href='/x'>Nieuws</a></div></div>"
        f"<div class='c'><div class='d'><h1>Werkdruk bij de overheid</h1><div class='e'>{paragraphs}</div>"
        "<div class='f'><p>Herkenbaar verhaal, bij ons is 80 procent van het team overbelast.</p></div></div>"
        "<div class='g'><b>Populair</b><ol><li><a href='/1'>Ruim 70 procent van de gemeenten kampt met vacatures</a></li>"
        "<li><a href='/2'>Zo'n 45 procent wil minder vergaderen</a></li></ol>"
        "<p>De provincie zoekt 3 adviseurs voor 36 uur per week. Reageren kan tot 1 april.</p></div></div>"
        "<div class='h'>Copyright 2025 Het Blad, Postbus 12, 2500 AA Den Haag</div></body></html>"
    )
    found = roles(html)
    assert found[0] == (Role.TITLE, "Werkdruk bij de overheid")
    assert [role for role, _ in found[1:]] == [Role.BODY] * 5
    text = text_of(html)
    assert "80 procent" not in text and "70 procent" not in text and "3 adviseurs" not in text and "Postbus" not in text


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ("<meta charset='windows-1252'>", "cp1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', "cp1252"),
        ("<meta charset=ISO-8859-15>", "iso8859-15"),
        ("<meta charset='utf-8'>", "utf-8"),
    ],
    ids=["meta-charset", "http-equiv-latin1", "unquoted", "utf-8"],
)
def test_read_html_honours_the_declared_charset(head, encoding):
    html = f"<html><head>{head}</head><body><h1>Café</h1><p>Een ruime meerderheid van de ambtenaren wil ideeën delen in het café: 61 procent (€ 5).</p></body></html>"
    data = html.encode(encoding)
    assert declared_charset(data) == encoding
    assert "Een ruime meerderheid van de ambtenaren wil ideeën delen in het café: 61 procent (€ 5)." in read_html("p.html", data).text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + "<p>Zo’n café</p>".encode("utf-8"), "<p>Zo’n café</p>"),
        (codecs.BOM_UTF16_LE + "<p>Zo’n café</p>".encode("utf-16-le"), "<p>Zo’n café</p>"),
        ("<p>Zo’n café</p>".encode("utf-8"), "<p>Zo’n café</p>"),
        ("<p>Zo’n café</p>".encode("cp1252"), "<p>Zo’n café</p>"),
        ("<?xml version='1.0' encoding='windows-1252'?><p>Zo’n café</p>".encode("cp1252"), "<?xml version='1.0' encoding='windows-1252'?><p>Zo’n café</p>"),
    ],
    ids=["bom-utf-8", "bom-utf-16", "undeclared-utf-8", "undeclared-cp1252", "xml-declaration"],
)
def test_read_html_decodes_without_a_meta_charset(data, expected):
    assert decode_html(data, "p.html") == expected


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("Caf&eacute; &amp; idee&euml;n", "Café & ideeën"),
        ("zo&#8217;n &#x2018;groep&#x2019;", "zo’n ‘groep’"),
        ("47&nbsp;procent", "47\u00a0procent"),
        ("werk &#150; prive &#133;", "werk – prive …"),
        ("&lt;geen tag&gt;", "<geen tag>"),
        ("twee   spaties\n en\tregels", "twee spaties en regels"),
    ],
    ids=["named", "numeric", "nbsp", "windows-1252-references", "escaped-markup", "whitespace"],
)
def test_read_html_decodes_entities(markup, text):
    html = f"<html><body><h1>Titel</h1><p>Een zin van ambtenaren over {markup} en verder niets bijzonders.</p></body></html>"
    assert f"Een zin van ambtenaren over {text} en verder niets bijzonders." in text_of(html)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInput),
        (b"  \n ", EmptyInput),
        (b"<html><head><title>Leeg</title></head><body></body></html>", EmptyInput),
        (b"<html><body><nav><a href='/'>Home</a></nav><script>var a = 1;</script></body></html>", EmptyInput),
        (b"<!-- alleen commentaar -->", EmptyInput),
        (b"<<<>>><!--<p>" * 50, EmptyInput),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", UnsupportedInput),
        (bytes(range(1, 32)) * 20, UnsupportedInput),
    ],
    ids=["empty", "whitespace", "no-body", "only-boilerplate", "only-comment", "markup-garbage", "png", "control-bytes"],
)
def test_read_html_refuses_empty_or_garbage_pages_with_one_line(tmp_path, data, error):
    path = tmp_path / "pagina.html"
    path.write_bytes(data)
    with pytest.raises(error) as caught:
        read_source(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.html", b"", True),
        ("a.HTM", b"", True),
        ("a.txt", b"<!DOCTYPE html>\n<html>", True),
        ("a", b"\xef\xbb\xbf  <!-- saved --><html lang='nl'>", True),
        ("a.txt", b"Tekst over <html> in een zin", False),
        ("a.txt", b"Werkdruk\n\nAan de peiling", False),
    ],
)
def test_read_html_sniffs_pages_by_name_or_content(name, head, expected):
    assert is_html(name, head) is expected


def test_read_html_records_keep_exact_offsets(tmp_path):
    from extractor.api import extract_file

    path = tmp_path / "stuk.txt"  # a web page under a text name is still read as one
    path.write_text(page(BODY + "<ul><li>Minder vergaderen: 38&nbsp;procent.</li></ul>"), encoding="utf-8")
    article = extract_file(path)
    assert article.source["kind"] == SourceKind.HTML.value
    assert article.title == "Werkdruk bij de overheid"
    assert [s.heading for s in article.sections] == [None, "Werkdruk"]
    assert [r.surface for r in article.records] == ["812 ambtenaren", "44 procent", "Ruim een derde", "38 procent"]
    assert all(article.text[r.start : r.end] == r.surface for r in article.records)


_TAGS = ["p", "div", "h1", "h2", "li", "ul", "a href='/x'", "b", "br", "blockquote", "aside", "nav", "script", "table", "td", "span"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(_TAGS).map(lambda t: f"</{t.split()[0]}>"),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
), max_size=40))
def test_read_html_any_markup_gives_hints_inside_the_text_or_a_user_error(parts):
    try:
        source = read_html("p.html", "".join(parts).encode("utf-8"))
    except ExtractorError:
        return
    previous_end = 0
    for hint in source.hints:
        assert previous_end <= hint.start < hint.end <= len(source.text)
        previous_end = hint.end


def test_read_html_a_form_feed_is_whitespace():
    source = read_html("p.html", "<nav></nav>\x0c<p>Ruim 40\x0cprocent werkt thuis.</p>".encode())
    assert "Ruim 40 procent werkt thuis." in source.text


@pytest.mark.parametrize("control", ["\x00", "\x1b", "\x0b"])
def test_read_html_other_control_characters_are_refused_as_binary(control):
    with pytest.raises(ExtractorError, match="binary data"):
        read_html("p.html", f"<p>Ruim 40{control}procent werkt thuis.</p>".encode())
