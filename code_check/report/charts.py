"""Bar charts: SVG for HTML (our own small code), PNG for Word (drawn with Pillow). Layout
only.

A chart is never the only way to read its figures: every caller puts the same figures in a
table, and the SVG carries a title and a description for screen readers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from code_check.report.inert import html_text as e

BAR_COLOUR = (29, 79, 145)      # dark blue: 8:1 against white
TRACK_COLOUR = (221, 226, 234)
TEXT_COLOUR = (26, 26, 26)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # 0-100; None draws no bar
    value_text: str


def svg_bar_chart(chart_id: str, title: str, description: str, bars: list[Bar], *,
                  widths: tuple[int, int, int] = (390, 300, 70)) -> str:
    """A horizontal bar chart (0-100) as inline SVG with role="img", a title and a description;
    ``widths``: the label's, the bar's and the value's, in the chart's own units."""
    (label_width, bar_width, value_width), row = widths, 30
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

LABEL_WIDTH = 300   # points: long labels wrap onto more lines rather than squeeze the bars
BAR_WIDTH = 220
FONT_SIZE = 11
LINE_GAP = 3


def png_bar_chart(bars: list[Bar], *, scale: int = 3) -> bytes:
    """A horizontal bar chart as PNG bytes: labels left (wrapped), bars, values right.

    Text is drawn with Pillow's scalable built-in font, so any label reads as written (a
    section's name, "nothing measured") at any ``scale``.
    """
    font = ImageFont.load_default(size=FONT_SIZE * scale)
    line_height = (FONT_SIZE + LINE_GAP) * scale
    labels = [_wrapped(bar.label, font, LABEL_WIDTH * scale) for bar in bars]
    value_w = max((font.getlength(bar.value_text) for bar in bars), default=0)
    label_w, bar_w, gap = LABEL_WIDTH * scale, BAR_WIDTH * scale, 8 * scale
    rows = [max(len(lines), 1) * line_height + 6 * scale for lines in labels]
    image = Image.new("RGB", (label_w + gap + bar_w + gap + round(value_w) + 2 * scale,
                              sum(rows) + 4 * scale), "white")
    draw = ImageDraw.Draw(image)
    top = 2 * scale
    for bar, lines, height in zip(bars, labels, rows, strict=True):
        middle = top + height // 2
        text_top = middle - len(lines) * line_height // 2
        for number, line in enumerate(lines):
            draw.text((0, text_top + number * line_height), line, font=font, fill=TEXT_COLOUR)
        bar_left, bar_top = label_w + gap, middle - 7 * scale
        filled = round(bar_w * max(0.0, min(bar.value or 0.0, 100.0)) / 100)
        draw.rectangle((bar_left, bar_top, bar_left + bar_w - 1, bar_top + 14 * scale - 1),
                       fill=TRACK_COLOUR)
        if filled:
            draw.rectangle((bar_left, bar_top, bar_left + filled - 1, bar_top + 14 * scale - 1),
                           fill=BAR_COLOUR)
        draw.text((bar_left + bar_w + gap, middle), bar.value_text, font=font,
                  fill=TEXT_COLOUR, anchor="lm")
        top += height
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _wrapped(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
             width: float) -> list[str]:
    """``text`` in lines no wider than ``width``; a word too long alone keeps a line of its own."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines
