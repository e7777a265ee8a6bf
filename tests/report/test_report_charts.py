"""Our own bar charts: valid PNG for Word, SVG with a text alternative for HTML."""

from __future__ import annotations

import struct
import zlib

from code_check.report.charts import BAR_COLOUR, Bar, png_bar_chart, svg_bar_chart

from .readers import html_parts

BARS = [Bar("1", 64.3, "64.3%"), Bar("2", 100.0, "100.0%"), Bar("3", None, "n/a")]


def _png_pixels(data: bytes) -> tuple[int, int, bytes]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    start = data.index(b"IDAT") + 4
    length = struct.unpack(">I", data[start - 8:start - 4])[0]
    return width, height, zlib.decompress(data[start:start + length])


def test_png_is_valid_and_draws_bars_in_proportion():
    width, height, raw = _png_pixels(png_bar_chart(BARS, scale=1))
    stride = 1 + width * 3
    assert len(raw) == stride * height

    def bar_length(row: int) -> int:
        pixels = raw[row * stride + 1:(row + 1) * stride]
        return sum(1 for x in range(width) if tuple(pixels[x * 3:x * 3 + 3]) == BAR_COLOUR)

    middles = [2 + i * 12 + 6 for i in range(3)]
    lengths = [bar_length(y) for y in middles]
    assert lengths[1] == 220 and lengths[0] == round(220 * 0.643) and lengths[2] == 0


def test_svg_has_a_name_a_description_and_escaped_labels():
    svg = svg_bar_chart("c", "Readiness <by> section", "Same figures as the table.",
                        [Bar("1. <b>Definitions</b>", 50.0, "50.0%")])
    text, tags = html_parts(svg)
    assert 'role="img"' in svg and 'aria-labelledby="c-title c-desc"' in svg
    assert tags[:3] == ["svg", "title", "desc"] and "b" not in tags
    assert "Readiness <by> section" in text and "1. <b>Definitions</b>" in text
