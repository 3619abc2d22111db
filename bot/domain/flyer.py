"""A printable flyer for a network action: a public invitation with a QR code to its web page.

Made for older residents reading a notice board: a big heading, the title in large type, when and where,
what the group offers and looks for, a QR code of at least 5 cm with a line on how to scan it and the
address printed under it for those without a camera, and who invites at the bottom.

One design, laid out once on an A5 page (``layout``): the PDF draws it (A4 is the same page scaled up),
and the PNG for a WhatsApp status or a screen is that PDF page rendered by PDFium, so the two never drift.

Text is drawn in Helvetica, one of the standard PDF fonts every reader has: it covers Windows-1252 (the
Dutch accents, €, "…"), not emoji. Characters it cannot show are dropped — or replaced by their base
letter, "ş" by "s" — rather than printed as empty boxes. Every line is wrapped to the page and, when the
room runs out, shortened with "…": nothing runs off the paper.

Every word comes from ``prompts/<lang>/flyer.ftl`` through ``label``; the module knows no language.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import segno
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4, A5
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True)
class Flyer:
    title: str
    when: str | None  # already worded by the caller: "zaterdag 19 december, 14:00"
    place: str | None
    we_offer: str | None
    we_need: str | None
    group_name: str
    group_place: str | None
    url: str  # the public page: in the QR code and printed under it


# A text in the reader's language, as plain text (not HTML): label("flyer-heading") -> "Kom ook!",
# label("flyer-from", group="De Linde") -> "Van De Linde".
Label = Callable[..., str]

PAGE_SIZES = {"A4": A4, "A5": A5}
PNG_WIDTH = 1080  # pixels: a WhatsApp status, and sharp enough for a screen or a notice board print

# The design, in points on an A5 page (148 x 210 mm).
WIDTH, HEIGHT = A5
MARGIN = 24.0  # 8.5 mm: inside what home printers leave blank
INNER = WIDTH - 2 * MARGIN
BAND_HEIGHT = 50.0
HEADING_SIZE = 34.0
# The title's sizes and line counts, tried in order until the page has room: large type first (a short
# title reads from across the room), smaller only for a very long title (or very long details).
TITLE_STEPS = (
    (36.0, 2), (34.0, 2), (32.0, 3), (30.0, 3), (28.0, 3), (26.0, 3), (26.0, 4), (24.0, 4), (22.0, 4),
    (20.0, 3), (20.0, 2),
)
DETAIL_SIZE = 16.0
DETAIL_LINE_STEPS = (3, 2, 1)  # lines per detail, fewer when the page has no room for more
SCAN_SIZE = 14.0
ADDRESS_SIZE = 14.0
SMALLEST_ADDRESS_SIZE = 11.0
FOOTER_SIZE = 14.0
LEADING = 1.2  # line height as a multiple of the type size
QR_SIDE = 150.0  # the code without its quiet zone: 5.3 cm on A5, 7.5 cm on A4
QR_QUIET_MODULES = 4  # the blank border a scanner needs (ISO/IEC 18004)
GAP = 12.0

INK = HexColor("#111111")
ACCENT = HexColor("#1B4F72")  # dark blue: 8.6:1 on white, white on it just as readable
QUIET = HexColor("#444444")

REGULAR = "Helvetica"
BOLD = "Helvetica-Bold"
FONT_ENCODING = "cp1252"  # ReportLab writes the standard fonts in WinAnsi, which is Windows-1252
ELLIPSIS = "…"


@dataclass(frozen=True)
class Text:
    """One line of text on the page; ``x`` is its left edge, or its centre when ``centred``."""

    text: str
    font: str
    size: float
    x: float
    baseline: float
    colour: Color = INK
    centred: bool = False

    @property
    def width(self) -> float:
        return stringWidth(self.text, self.font, self.size)

    @property
    def left(self) -> float:
        return self.x - self.width / 2 if self.centred else self.x

    @property
    def right(self) -> float:
        return self.left + self.width


@dataclass(frozen=True)
class Box:
    x: float
    y: float  # the bottom edge, as in PDF
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class Layout:
    """Where everything goes on the A5 page, in points from its bottom left corner."""

    band: Box
    texts: tuple[Text, ...]
    qr: segno.QRCode
    qr_box: Box  # the code with its quiet zone: nothing else may be drawn inside it
    rule_y: float  # the thin line above the group's name


def flyer_pdf(flyer: Flyer, label: Label, size: str = "A5") -> bytes:
    """The flyer as a one-page portrait PDF, A5 or A4."""
    page_size = PAGE_SIZES.get(size.upper())
    if page_size is None:
        raise ValueError(f"flyer size {size!r}: choose one of {', '.join(PAGE_SIZES)}")
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=page_size, pageCompression=1)
    canvas.setTitle(printable(flyer.title))
    canvas.setAuthor(printable(flyer.group_name))
    _fit_design_to(canvas, page_size)
    draw(canvas, layout(flyer, label))
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def flyer_png(flyer: Flyer, label: Label) -> bytes:
    """The A5 flyer as a PNG, ``PNG_WIDTH`` pixels wide: the PDF page itself, rendered by PDFium."""
    document = pdfium.PdfDocument(flyer_pdf(flyer, label, "A5"))
    try:
        page = document[0]
        width, _ = page.get_size()
        image = page.render(scale=PNG_WIDTH / width).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _fit_design_to(canvas: Canvas, page_size: tuple[float, float]) -> None:
    """A4 is A5 scaled by √2 (to within a point): the same design, larger, centred on the page."""
    scale = min(page_size[0] / WIDTH, page_size[1] / HEIGHT)
    canvas.translate((page_size[0] - WIDTH * scale) / 2, (page_size[1] - HEIGHT * scale) / 2)
    canvas.scale(scale, scale)


# --- drawing ---------------------------------------------------------------------------------------


def draw(canvas: Canvas, page: Layout) -> None:
    canvas.setFillColor(ACCENT)
    canvas.roundRect(page.band.x, page.band.y, page.band.width, page.band.height, 8, stroke=0, fill=1)
    canvas.setStrokeColor(QUIET)
    canvas.setLineWidth(0.75)
    canvas.line(MARGIN, page.rule_y, WIDTH - MARGIN, page.rule_y)
    for text in page.texts:
        canvas.setFillColor(text.colour)
        canvas.setFont(text.font, text.size)
        canvas.drawString(text.left, text.baseline, text.text)
    _draw_qr(canvas, page.qr, page.qr_box)


def _draw_qr(canvas: Canvas, qr: segno.QRCode, box: Box) -> None:
    """The dark modules as one vector path: sharp at any size, and no seams between neighbours (one
    fill, not a rectangle each); a row's neighbouring modules are one rectangle."""
    modules = len(qr.matrix)
    module = box.width / (modules + 2 * QR_QUIET_MODULES)
    left = box.x + QR_QUIET_MODULES * module
    top = box.top - QR_QUIET_MODULES * module
    path = canvas.beginPath()
    for row, start, length in _dark_runs(qr.matrix):
        path.rect(left + start * module, top - (row + 1) * module, length * module, module)
    canvas.setFillColor(INK)
    canvas.drawPath(path, stroke=0, fill=1)


def _dark_runs(matrix: tuple[bytearray, ...]) -> Iterator[tuple[int, int, int]]:
    """(row, first column, length) of every run of dark modules."""
    for row, cells in enumerate(matrix):
        start = None
        for column, dark in enumerate([*cells, 0]):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                yield row, start, column - start
                start = None


# --- layout ----------------------------------------------------------------------------------------


def layout(flyer: Flyer, label: Label) -> Layout:
    """Everything's place on the A5 page. The bottom (code, address, group) has a fixed size; the top
    (heading, title, details) takes the rest, in the largest type that fits it."""
    qr = segno.make(flyer.url, error="m", micro=False)  # M at least; segno raises it when it costs nothing
    bottom, qr_box, rule_y = _bottom(flyer, label, qr)
    band = Box(MARGIN, HEIGHT - MARGIN - BAND_HEIGHT, INNER, BAND_HEIGHT)
    room = band.y - GAP - (qr_box.top + GAP / 2)
    top = _top(flyer, label, band, room)
    return Layout(band=band, texts=(*top, *bottom), qr=qr, qr_box=qr_box, rule_y=rule_y)


def _bottom(flyer: Flyer, label: Label, qr: segno.QRCode) -> tuple[list[Text], Box, float]:
    """From the bottom margin up: the group's place and name, a rule, the address, how to scan, the
    code. Returns its lines, the code's box and the rule's height."""
    texts: list[Text] = []
    y = MARGIN
    group_place = _wrap(printable(flyer.group_place), REGULAR, FOOTER_SIZE, INNER, 1)
    group_name = _wrap(printable(label("flyer-from", group=flyer.group_name)), BOLD, FOOTER_SIZE, INNER, 2)
    for lines, font in ((group_place, REGULAR), (group_name, BOLD)):
        y = _stack_up(texts, lines, font, FOOTER_SIZE, y, INK)
    rule_y = y + GAP / 2
    y = rule_y + GAP / 2
    y = _address(texts, printable(label("flyer-or-go")), printable(flyer.url), y)
    scan = _wrap(printable(label("flyer-scan")), BOLD, SCAN_SIZE, INNER, 2)
    y = _stack_up(texts, scan, BOLD, SCAN_SIZE, y, ACCENT)
    side = QR_SIDE * (1 + 2 * QR_QUIET_MODULES / len(qr.matrix))
    return texts, Box((WIDTH - side) / 2, y, side, side), rule_y


def _address(texts: list[Text], or_go: str, url: str, y: float) -> float:
    """The address after "of ga naar" on one line; a long one on a line of its own, in smaller type
    rather than cut in two (someone may type it over), and cut only when even that is too little."""
    together = f"{or_go} {url}"
    if stringWidth(together, REGULAR, ADDRESS_SIZE) <= INNER:
        return _stack_up(texts, [together], REGULAR, ADDRESS_SIZE, y, INK)
    size = max(SMALLEST_ADDRESS_SIZE, _fitting_size(url, REGULAR, ADDRESS_SIZE, INNER))
    y = _stack_up(texts, _wrap(url, REGULAR, size, INNER, 3), REGULAR, size, y, INK)
    return _stack_up(texts, _wrap(or_go, REGULAR, ADDRESS_SIZE, INNER, 1), REGULAR, ADDRESS_SIZE, y, INK)


def _stack_up(texts: list[Text], lines: list[str], font: str, size: float, y: float, colour: Color) -> float:
    """Centred lines whose last one sits just above ``y``; returns the height above the first."""
    for line in reversed(lines):
        texts.append(Text(line, font, size, WIDTH / 2, y + _descent(size), colour, centred=True))
        y += size * LEADING
    return y


def _top(flyer: Flyer, label: Label, band: Box, room: float) -> list[Text]:
    """The heading in the band; under it the title and the details, in the first of the steps (large
    and whole first) that fits into ``room`` points. Leftover room goes between them, so the page
    does not look empty at the bottom of the top half."""
    heading = printable(label("flyer-heading"))
    heading_size = _fitting_size(heading, BOLD, HEADING_SIZE, INNER - 2 * GAP)
    # Helvetica's capitals stand 0.7 of the type size tall: they sit in the middle of the band.
    baseline = band.y + (band.height - heading_size * 0.7) / 2
    texts = [Text(heading, BOLD, heading_size, WIDTH / 2, baseline, white, centred=True)]
    title, details = _largest_fitting(flyer, label, room)
    height = _height(title) + GAP + _details_height(details)
    spare = max(0.0, room - height)
    y = band.y - GAP - spare / 3
    y = _place_title(texts, title, y)
    _place_details(texts, details, y - GAP - spare / 3)
    return texts


@dataclass(frozen=True)
class TitleLines:
    lines: list[str]
    size: float


@dataclass(frozen=True)
class Detail:
    label: list[str]
    value: list[str]

    @property
    def lines(self) -> int:
        return max(len(self.label), len(self.value))

    @property
    def height(self) -> float:
        return self.lines * DETAIL_SIZE * LEADING


def _largest_fitting(flyer: Flyer, label: Label, room: float) -> tuple[TitleLines, list[Detail]]:
    """The first step (type size and lines) at which everything fits whole; when every step has to
    shorten something, the one that shows the most words (the larger type of equals)."""
    shortened: list[tuple[TitleLines, list[Detail]]] = []
    for title, details in _steps(flyer, label):
        if _height(title) + GAP + _details_height(details) > room:
            continue
        if not _is_shortened(title, details):
            return title, details
        shortened.append((title, details))
    if shortened:
        return max(shortened, key=lambda step: _characters_shown(*step))
    # Only a crowded bottom (an address over three lines, the group's name over two) leaves this little
    # room: the details that do not fit are left out, the last first.
    *_, (title, details) = _steps(flyer, label)
    while details and _height(title) + GAP + _details_height(details) > room:
        details = details[:-1]
    return title, details


def _steps(flyer: Flyer, label: Label) -> Iterator[tuple[TitleLines, list[Detail]]]:
    """The title and the details in ever smaller type and fewer lines; the details are worked out once
    per number of lines."""
    title_text = printable(flyer.title)
    for detail_lines in DETAIL_LINE_STEPS:
        details = _details(flyer, label, detail_lines)
        for size, most_lines in TITLE_STEPS:
            yield TitleLines(_balanced(title_text, BOLD, size, INNER, most_lines), size), details


def _is_shortened(title: TitleLines, details: list[Detail]) -> bool:
    return any(lines and lines[-1].endswith(ELLIPSIS) for lines in [title.lines, *(d.value for d in details)])


def _characters_shown(title: TitleLines, details: list[Detail]) -> int:
    return sum(len(line) for lines in [title.lines, *(d.value for d in details)] for line in lines)


def _details(flyer: Flyer, label: Label, most_lines: int) -> list[Detail]:
    """When, where, what we offer and what we look for: a label column and a value column; a detail
    without a value is left out, with its label."""
    given = [
        (printable(label(key)), printable(value))
        for key, value in (
            ("flyer-when", flyer.when), ("flyer-where", flyer.place),
            ("flyer-we-offer", flyer.we_offer), ("flyer-we-need", flyer.we_need),
        )
        if printable(value)
    ]
    label_width = min(max((stringWidth(name, BOLD, DETAIL_SIZE) for name, _ in given), default=0), INNER * 0.4)
    value_width = INNER - label_width - GAP
    return [
        Detail(
            _wrap(name, BOLD, DETAIL_SIZE, label_width, 2),
            _wrap(value, REGULAR, DETAIL_SIZE, value_width, most_lines),
        )
        for name, value in given
    ]


def _height(title: TitleLines) -> float:
    return len(title.lines) * title.size * LEADING


def _details_height(details: list[Detail]) -> float:
    return sum(detail.height for detail in details) + GAP / 2 * max(0, len(details) - 1)


def _place_title(texts: list[Text], title: TitleLines, top: float) -> float:
    for line in title.lines:
        top -= title.size * LEADING
        texts.append(Text(line, BOLD, title.size, WIDTH / 2, top + _descent(title.size), INK, centred=True))
    return top


def _place_details(texts: list[Text], details: list[Detail], top: float) -> None:
    label_width = max((stringWidth(line, BOLD, DETAIL_SIZE) for d in details for line in d.label), default=0)
    value_x = MARGIN + label_width + GAP
    step = DETAIL_SIZE * LEADING
    for detail in details:
        baselines = [top - (index + 1) * step + _descent(DETAIL_SIZE) for index in range(detail.lines)]
        texts.extend(Text(line, BOLD, DETAIL_SIZE, MARGIN, y, ACCENT) for line, y in zip(detail.label, baselines))
        texts.extend(Text(line, REGULAR, DETAIL_SIZE, value_x, y) for line, y in zip(detail.value, baselines))
        top -= detail.height + GAP / 2


def _descent(size: float) -> float:
    """Baseline above the bottom of a line box: room for the descenders (g, j, p) of Helvetica."""
    return size * (0.21 + (LEADING - 1) / 2)


# --- text ------------------------------------------------------------------------------------------


def printable(text: str | None) -> str:
    """``text`` as Helvetica can draw it, on one line: what the font lacks is dropped (emoji) or
    replaced by its base letter ("ş" -> "s"); runs of white space become one space."""
    if not text:
        return ""
    kept = "".join(_printable_character(character) for character in unicodedata.normalize("NFC", text))
    return " ".join(kept.split())


def _printable_character(character: str) -> str:
    if character.isspace():
        return " "
    if _in_font(character):
        return character
    # A name keeps its letters when the font lacks only the accent: "Şükrü" -> "Sükrü", not "ükrü".
    base = "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))
    return base if base and all(_in_font(c) for c in base) else ""


def _in_font(character: str) -> bool:
    if unicodedata.category(character).startswith("C"):  # control, format (the emoji joiner), private
        return False
    try:
        character.encode(FONT_ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def _wrap(text: str, font: str, size: float, width: float, most_lines: int) -> list[str]:
    """``text`` in lines no wider than ``width``, at most ``most_lines`` of them, the last one ending
    in "…" when the text did not fit. A word wider than a line (a web address) is cut where it must."""
    lines: list[str] = []
    for word in text.split():
        for piece in _pieces(word, font, size, width):
            joined = f"{lines[-1]} {piece}" if lines else piece
            if lines and stringWidth(joined, font, size) <= width:
                lines[-1] = joined
            else:
                lines.append(piece)
    if len(lines) <= most_lines:
        return lines
    return [*lines[: most_lines - 1], _with_ellipsis(lines[most_lines - 1], font, size, width)]


def _balanced(text: str, font: str, size: float, width: float, most_lines: int) -> list[str]:
    """``_wrap``, with the words spread evenly over its lines: a centred title reads "Soep koken / voor
    de buren" rather than leaving one word alone on its last line."""
    lines = _wrap(text, font, size, width, most_lines)
    narrowest = max((stringWidth(word, font, size) for word in text.split()), default=width)
    if len(lines) < 2 or lines[-1].endswith(ELLIPSIS) or narrowest >= width:
        return lines
    wide, narrow = width, narrowest  # the lines stay as many down to ``wide``; ``narrow`` may add one
    while wide - narrow > 1:
        middle = (wide + narrow) / 2
        if len(_wrap(text, font, size, middle, len(lines) + 1)) == len(lines):
            wide = middle
        else:
            narrow = middle
    return _wrap(text, font, size, wide, most_lines)


def _pieces(word: str, font: str, size: float, width: float) -> Iterator[str]:
    while stringWidth(word, font, size) > width:
        cut = len(word) - 1
        while cut > 1 and stringWidth(word[:cut], font, size) > width:
            cut -= 1
        yield word[:cut]
        word = word[cut:]
    yield word


def _with_ellipsis(line: str, font: str, size: float, width: float) -> str:
    """``line`` ending in "…" within ``width``: whole words dropped first, letters only from a single
    word ("…heeft…", not "…heeft o…")."""
    def fits(text: str) -> bool:
        return stringWidth(_trimmed(text) + ELLIPSIS, font, size) <= width

    words = line.split(" ")
    while len(words) > 1 and not fits(" ".join(words)):
        words.pop()
    line = " ".join(words)
    while line and not fits(line):
        line = line[:-1]
    return _trimmed(line) + ELLIPSIS


def _trimmed(text: str) -> str:
    return text.rstrip(" ,.;:-–")


def _fitting_size(text: str, font: str, largest: float, width: float) -> float:
    """The largest type size up to ``largest`` at which ``text`` fits on one line of ``width``."""
    natural = stringWidth(text, font, largest)
    return largest if natural <= width else largest * width / natural
