"""The printable flyer of a network action (bot/domain/flyer.py), read back the way a neighbour would.

The QR code is decoded by an independent reader (zxing-cpp) from the PNG and from the PDF as poppler
prints it (``pdftoppm``, not the PDFium that made the PNG); the words are read from the PDF's own text
layer, with where each character landed. ``BRUG_WRITE_SCREENSHOTS=1`` writes the README's copies
(``docs/flyer-a5.png``, ``docs/flyer-status.png``); a normal run writes nothing into docs/.
"""

from __future__ import annotations

import html
import io
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image

from bot.domain.flyer import (
    HEIGHT, MARGIN, PNG_WIDTH, WIDTH, Flyer, Label, flyer_pdf, flyer_png, layout, printable,
)
from bot.domain.i18n import Translator
from tests.system_programs import needed_program

DOCS = Path(__file__).resolve().parent.parent / "docs"
PDFTOPPM = "/usr/bin/pdftoppm"
# A public page's address as bot/domain/neighbourhood.py makes them: 32 unguessable characters.
URL = "https://brug.example.nl/buurt/q3Vb7Xk2LmT0aZ9RbP2wYc5NfH8sJd4G"
POINTS_PER_CM = 72 / 2.54
PAGE_POINTS = {"A4": (595.28, 841.89), "A5": (419.53, 595.28)}

SOUP = Flyer(
    title="Soep koken voor de buren",
    when="zaterdag 19 december, 14:00",
    place="Buurthuis De Linde, Lindelaan 4",
    we_offer="warme soep voor wie alleen is",
    we_need="pannen, een paar handen",
    group_name="Wooncoöperatie De BinnenHaven",
    group_place="Oost, bij het Plein",
    url=URL,
)

translator = Translator()


def label_in(language: str) -> Label:
    """The flyer's words from the real prompts, as plain text (``text`` returns escaped HTML)."""
    return lambda key, **args: html.unescape(str(translator.text(language, key, **args)))


DUTCH = label_in("nl")


# --- reading the flyer back ------------------------------------------------------------------------


def decoded(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.fixture(scope="module")
def pdftoppm() -> str:
    """Poppler's renderer (Debian's poppler-utils), installed once when the tests run as root."""
    return needed_program(PDFTOPPM, ["poppler-utils"])


def printed(pdf: bytes, pdftoppm: str, tmp_path: Path) -> Image.Image:
    """The PDF as poppler prints it at 100 dpi."""
    (tmp_path / "flyer.pdf").write_bytes(pdf)
    subprocess.run(
        [pdftoppm, "-r", "100", "-png", "-singlefile", str(tmp_path / "flyer.pdf"), str(tmp_path / "flyer")],
        check=True, capture_output=True, timeout=60,
    )
    return Image.open(tmp_path / "flyer.png")


@contextmanager
def the_page(pdf: bytes) -> Iterator[pdfium.PdfPage]:
    """The PDF's one page, read by PDFium."""
    document = pdfium.PdfDocument(pdf)
    try:
        assert len(document) == 1
        yield document[0]
    finally:
        document.close()


def text_of(pdf: bytes) -> str:
    with the_page(pdf) as page:
        return str(page.get_textpage().get_text_bounded())


def characters_off_the_page(pdf: bytes) -> list[str]:
    """Every drawn character whose box is not inside the page (PDFium's own measure of the glyphs)."""
    off = []
    with the_page(pdf) as page:
        width, height = page.get_size()
        text = page.get_textpage()
        for index in range(text.count_chars()):
            character = text.get_text_range(index, 1)
            if character.isspace():
                continue
            left, bottom, right, top = text.get_charbox(index)
            if left < 0 or bottom < 0 or right > width or top > height:
                off.append(f"{character!r} at {left:.0f},{bottom:.0f}-{right:.0f},{top:.0f}")
    return off


def lines_out_of_place(flyer: Flyer) -> list[str]:
    """The layout's own lines that leave the margins or reach into the QR code's quiet zone."""
    page = layout(flyer, DUTCH)
    qr = page.qr_box
    wrong = []
    for line in page.texts:
        top, bottom = line.baseline + line.size * 0.8, line.baseline - line.size * 0.25
        inside = MARGIN - 0.01 <= line.left and line.right <= WIDTH - MARGIN + 0.01 and MARGIN - 1 <= bottom
        on_code = line.left < qr.x + qr.width and line.right > qr.x and bottom < qr.top and top > qr.y
        if not inside or on_code or top > HEIGHT - MARGIN:
            wrong.append(line.text)
    return wrong


# --- the code reads back ---------------------------------------------------------------------------


def test_the_status_picture_is_1080_wide_and_its_code_opens_the_page() -> None:
    image = Image.open(io.BytesIO(flyer_png(SOUP, DUTCH)))
    assert image.format == "PNG" and image.width == PNG_WIDTH
    assert image.height > image.width  # the A5 page, standing
    assert decoded(image) == [URL]


@pytest.mark.parametrize("size", ["A5", "A4"])
def test_the_printed_pdf_is_one_page_of_its_size_and_its_code_opens_the_page(
    size: str, pdftoppm: str, tmp_path: Path
) -> None:
    pdf = flyer_pdf(SOUP, DUTCH, size)
    assert pdf.startswith(b"%PDF-")
    with the_page(pdf) as page:
        left, bottom, right, top = page.get_mediabox()
        assert (left, bottom) == (0, 0)
        assert (right, top) == pytest.approx(PAGE_POINTS[size], abs=0.5)
    image = printed(pdf, pdftoppm, tmp_path)
    assert decoded(image) == [URL]
    # At least 5 cm on A5 (7 cm on A4), measured by the reader on paper at 100 dpi.
    (result,) = zxingcpp.read_barcodes(image)
    side_cm = (result.position.top_right.x - result.position.top_left.x) / 100 * 2.54
    assert side_cm >= {"A5": 5.0, "A4": 7.0}[size]


def test_the_code_keeps_a_quiet_zone_and_corrects_errors() -> None:
    page = layout(SOUP, DUTCH)
    assert page.qr.error in ("M", "Q", "H")
    modules = len(page.qr.matrix)
    symbol = page.qr_box.width * modules / (modules + 8)
    assert symbol >= 5 * POINTS_PER_CM
    assert lines_out_of_place(SOUP) == []


# --- the words -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", ["Kom ook!", "Wanneer", "Waar", "Wij bieden", "Wij zoeken", "Scan de code met de camera",
                "of ga naar", "Van Wooncoöperatie De BinnenHaven"]),
        ("en", ["Join us!", "When", "Where", "We offer", "We are looking for", "Scan the code with",
                "or go to", "From Wooncoöperatie De BinnenHaven"]),
    ],
)
def test_the_flyer_speaks_the_readers_language(language: str, words: list[str]) -> None:
    text = " ".join(text_of(flyer_pdf(SOUP, label_in(language))).split())
    for word in words + ["Soep koken", "zaterdag 19 december, 14:00", "Buurthuis De Linde, Lindelaan 4",
                         "Oost, bij het Plein"]:
        assert word in text, (word, text)
    assert URL in text.replace(" ", "")


def test_the_title_is_large_and_the_details_are_easy_to_read_on_a5() -> None:
    size_of = {line.text: line.size for line in layout(SOUP, DUTCH).texts}
    assert size_of["Soep koken"] >= 26 and size_of["voor de buren"] >= 26  # spread evenly over two lines
    for detail in ("Wanneer", "zaterdag 19 december, 14:00", "Wij zoeken", "pannen, een paar handen"):
        assert size_of[detail] >= 14


def test_a_missing_detail_leaves_no_empty_label() -> None:
    bare = replace(SOUP, when=None, we_need=None, we_offer="  ", group_place=None)
    text = text_of(flyer_pdf(bare, DUTCH))
    for absent in ("Wanneer", "Wij zoeken", "Wij bieden", "Oost"):
        assert absent not in text
    for present in ("Kom ook!", "Soep koken", "Waar", "Buurthuis De Linde", "Van Wooncoöperatie"):
        assert present in text
    assert decoded(Image.open(io.BytesIO(flyer_png(bare, DUTCH)))) == [URL]


# --- what does not fit, and what the font cannot show ----------------------------------------------

LONG = (
    "Een hele lange middag met soep, brood, verhalen en muziek voor iedereen uit de straat die zin heeft om "
    "langs te komen, ook als je nog nooit bent geweest en niemand kent, want juist dan is het fijn om even "
    "binnen te lopen en een kom soep te halen bij de buren van Oost, en daarna samen de pannen af te wassen!"
)
OVERFLOWING = [
    pytest.param(replace(SOUP, title=LONG[:300]), id="300-character title"),
    pytest.param(
        replace(SOUP, title=LONG, when=LONG, place=LONG, we_offer=LONG, we_need=LONG, group_name=LONG,
                group_place=LONG),
        id="every field long",
    ),
    pytest.param(replace(SOUP, title="x" * 300, place="Lindelaan" * 40), id="words longer than a line"),
    pytest.param(replace(SOUP, url=URL + "/" + "a" * 150), id="a very long address"),
    pytest.param(
        replace(SOUP, title=LONG, when=LONG, place=LONG, we_offer=LONG, we_need=LONG, group_name=LONG,
                group_place=LONG, url=URL + "/" + "a" * 250),
        id="everything long, the address too",
    ),
]


@pytest.mark.parametrize("flyer", OVERFLOWING)
def test_nothing_runs_off_the_page(flyer: Flyer) -> None:
    for size in ("A5", "A4"):
        pdf = flyer_pdf(flyer, DUTCH, size)
        assert characters_off_the_page(pdf) == []
    assert lines_out_of_place(flyer) == []
    assert "…" in text_of(flyer_pdf(flyer, DUTCH)) or flyer.url != URL
    assert decoded(Image.open(io.BytesIO(flyer_png(flyer, DUTCH)))) == [flyer.url]


def test_emoji_are_left_out_and_accents_kept() -> None:
    flyer = replace(
        SOUP, title="Soep 🍲 koken", place="Café één 👨‍👩‍👧", we_offer="crème brûlée für alle ❤️",
        group_name="Şükrü's Buurtclub 🌷",
    )
    text = text_of(flyer_pdf(flyer, DUTCH))
    for kept in ("Soep koken", "Café één", "crème brûlée für alle", "Van Sükrü's Buurtclub"):
        assert kept in text, (kept, text)
    assert not any(ord(character) > 0xFFFF or character in "\ufffd\u200d\ufe0f" for character in text)
    assert characters_off_the_page(flyer_pdf(flyer, DUTCH)) == []
    assert decoded(Image.open(io.BytesIO(flyer_png(flyer, DUTCH)))) == [URL]


def test_printable_keeps_what_helvetica_shows() -> None:
    assert printable("Soep 🍲 koken") == "Soep koken"
    assert printable("  Café\n één  ") == "Café één"
    assert printable("Łódź, Şişli, ﬁets") == "ódz, Sisli, fiets"  # "Ł" has no base letter in the font
    assert printable("€ 5,– “samen”") == "€ 5,– “samen”"
    assert printable(None) == printable("🍲") == ""


def test_only_a4_and_a5() -> None:
    with pytest.raises(ValueError, match="A3"):
        flyer_pdf(SOUP, DUTCH, "A3")


# --- the README's pictures -------------------------------------------------------------------------


def test_the_readme_pictures(pdftoppm: str, tmp_path: Path) -> None:
    """Written only on request (BRUG_WRITE_SCREENSHOTS=1), so a test run leaves docs/ as it was."""
    a5 = printed(flyer_pdf(SOUP, DUTCH, "A5"), pdftoppm, tmp_path)
    status = flyer_png(SOUP, DUTCH)
    assert decoded(a5) == [URL]
    if os.environ.get("BRUG_WRITE_SCREENSHOTS") == "1":
        a5.save(DOCS / "flyer-a5.png", optimize=True)
        (DOCS / "flyer-status.png").write_bytes(status)
