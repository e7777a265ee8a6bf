"""Bar charts drawn by our own small code: SVG for HTML, PNG for Word. Layout only.

A chart is never the only way to read its figures: every caller puts the same figures in a
table, and the SVG carries a title and a description for screen readers.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from code_check.report.inert import html_text as e

BAR_COLOUR = (29, 79, 145)      # dark blue: 8:1 against white
TRACK_COLOUR = (221, 226, 234)
TEXT_COLOUR = (26, 26, 26)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # 0-100; None draws no bar
    value_text: str


def svg_bar_chart(chart_id: str, title: str, description: str, bars: list[Bar]) -> str:
    """A horizontal bar chart (0-100) as inline SVG with role="img", a title and a description."""
    label_width, bar_width, value_width, row = 390, 300, 70, 30
    width, height = label_width + bar_width + value_width, row * len(bars) + 10
    rows = []
    for index, bar in enumerate(bars):
        y = 5 + index * row
        filled = bar_width * max(0.0, min(bar.value or 0.0, 100.0)) / 100
        rows.append(
            f'<text x="0" y="{y + 19}" class="chart-label">{e(bar.label)}</text>'
            f'<rect x="{label_width}" y="{y + 5}" width="{bar_width}" height="18" '
            f'fill="{_hex(TRACK_COLOUR)}"/>'
            f'<rect x="{label_width}" y="{y + 5}" width="{filled:.1f}" height="18" '
            f'fill="{_hex(BAR_COLOUR)}"/>'
            f'<text x="{label_width + bar_width + 8}" y="{y + 19}" class="chart-value">'
            f'{e(bar.value_text)}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {width} {height}" '
        f'class="chart"><title id="{chart_id}-title">{e(title)}</title>'
        f'<desc id="{chart_id}-desc">{e(description)}</desc>{"".join(rows)}</svg>'
    )


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


# PNG ----------------------------------------------------------------------------------------

# A 5x7 pixel font for the characters bar labels and values use (section numbers, percentages).
_GLYPHS = {
    "0": "01110 10001 10011 10101 11001 10001 01110",
    "1": "00100 01100 00100 00100 00100 00100 01110",
    "2": "01110 10001 00001 00010 00100 01000 11111",
    "3": "11110 00001 00001 01110 00001 00001 11110",
    "4": "00010 00110 01010 10010 11111 00010 00010",
    "5": "11111 10000 11110 00001 00001 10001 01110",
    "6": "00110 01000 10000 11110 10001 10001 01110",
    "7": "11111 00001 00010 00100 01000 01000 01000",
    "8": "01110 10001 10001 01110 10001 10001 01110",
    "9": "01110 10001 10001 01111 00001 00010 01100",
    "%": "11001 11010 00010 00100 01000 01011 10011",
    ".": "00000 00000 00000 00000 00000 01100 01100",
    "/": "00001 00010 00010 00100 01000 01000 10000",
    "a": "00000 00000 01110 00001 01111 10001 01111",
    "b": "10000 10000 10110 11001 10001 10001 11110",
    "n": "00000 00000 10110 11001 10001 10001 10001",
    "S": "01111 10000 10000 01110 00001 00001 11110",
    "t": "01000 01000 11100 01000 01000 01001 00110",
    "g": "00000 01111 10001 10001 01111 00001 01110",
    "e": "00000 00000 01110 10001 11111 10000 01110",
    " ": "00000 00000 00000 00000 00000 00000 00000",
}


def png_bar_chart(bars: list[Bar], *, scale: int = 3) -> bytes:
    """A horizontal bar chart as PNG bytes: short labels left, bars, values right.

    Labels should be short (a section number, "Stage 1"): the full names go in the table the
    chart sits beside.
    """
    glyph_w, glyph_h = 6 * scale, 7 * scale
    label_w = max((len(b.label) for b in bars), default=1) * glyph_w + 4 * scale
    bar_w, value_w, row = 220 * scale, 7 * glyph_w, 12 * scale
    width, height = label_w + bar_w + value_w, row * len(bars) + 4 * scale
    pixels = [[(255, 255, 255)] * width for _ in range(height)]
    for index, bar in enumerate(bars):
        top = 2 * scale + index * row
        text_top = top + (row - glyph_h) // 2
        _text(pixels, bar.label, 0, text_top, scale)
        _rect(pixels, label_w, top + 2 * scale, bar_w, row - 4 * scale, TRACK_COLOUR)
        filled = round(bar_w * max(0.0, min(bar.value or 0.0, 100.0)) / 100)
        _rect(pixels, label_w, top + 2 * scale, filled, row - 4 * scale, BAR_COLOUR)
        _text(pixels, bar.value_text, label_w + bar_w + 3 * scale, text_top, scale)
    return _png(pixels)


def _rect(pixels, x: int, y: int, w: int, h: int, colour) -> None:
    for row in pixels[y:y + h]:
        row[x:x + w] = [colour] * max(0, min(w, len(row) - x))


def _text(pixels, text: str, x: int, y: int, scale: int) -> None:
    for char in text:
        glyph = _GLYPHS.get(char, _GLYPHS[" "]).split()
        for gy, line in enumerate(glyph):
            for gx, bit in enumerate(line):
                if bit == "1":
                    _rect(pixels, x + gx * scale, y + gy * scale, scale, scale, TEXT_COLOUR)
        x += 6 * scale


def _png(pixels: list[list[tuple[int, int, int]]]) -> bytes:
    height, width = len(pixels), len(pixels[0])
    raw = b"".join(b"\x00" + bytes(c for pixel in row for c in pixel) for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))

