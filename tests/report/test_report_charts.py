"""Bar charts: PNG for Word with labels in a real font, SVG with a text alternative for HTML."""

from __future__ import annotations

import io

import docx
from PIL import Image, ImageChops

from code_check.report.charts import BAR_COLOUR, TRACK_COLOUR, Bar, png_bar_chart, svg_bar_chart
from code_check.report.word import render_docx

from .readers import html_parts

BARS = [Bar("1", 64.3, "64.3%"), Bar("2", 100.0, "100.0%"), Bar("3", None, "n/a")]


def _image(data: bytes) -> Image.Image:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return Image.open(io.BytesIO(data)).convert("RGB")


def _bar_lengths(image: Image.Image) -> list[int]:
    """The filled length of each bar, read across the middle row of each bar's track."""
    pixels = image.load()
    width, height = image.size
    drawn = [y for y in range(height)
             if any(pixels[x, y] in (BAR_COLOUR, TRACK_COLOUR) for x in range(width))]
    runs = [[drawn[0]]]
    for y in drawn[1:]:
        if y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return [sum(1 for x in range(width) if pixels[x, run[len(run) // 2]] == BAR_COLOUR)
            for run in runs]


def test_png_is_valid_and_draws_bars_in_proportion():
    image = _image(png_bar_chart(BARS, scale=1))
    assert _bar_lengths(image) == [round(220 * 0.643), 220, 0]


def test_png_labels_are_drawn_letter_by_letter_in_a_real_font():
    """Every letter shows: labels one letter apart draw differently (the old 5x7 glyphs had
    no s or z, so both drew blanks), and a long name wraps instead of running into the bar."""
    one = _image(png_bar_chart([Bar("Exclusions", 50.0, "50.0%")], scale=1))
    other = _image(png_bar_chart([Bar("Exclusionz", 50.0, "50.0%")], scale=1))
    assert one.size == other.size and ImageChops.difference(one, other).getbbox() is not None
    one_line = _image(png_bar_chart([Bar("Scrutiny", 50.0, "50.0%")], scale=1))
    wrapped = _image(png_bar_chart([Bar("Scrutiny & oversight: continuous learning and "
                                        "improvement, with a longer name", 50.0, "50.0%")],
                                   scale=1))
    assert wrapped.height > one_line.height and wrapped.width == one_line.width


def test_png_value_text_is_never_cut():
    """"nothing measured" is wider than "50.0%": the chart makes room for it."""
    narrow = _image(png_bar_chart([Bar("Stage 2 response", 50.0, "50.0%")], scale=1))
    wide = _image(png_bar_chart([Bar("Stage 2 response", None, "nothing measured")], scale=1))
    assert wide.width > narrow.width
    right_edge = wide.crop((wide.width - 3, 0, wide.width, wide.height))
    assert right_edge.getcolors() == [(3 * wide.height, (255, 255, 255))]


def test_word_charts_name_the_sections_and_steps(report):
    """The Word paper's charts are labelled with names, not codes: their alternative text
    lists each section by name, and the step chart needs no separate key."""
    document = docx.Document(io.BytesIO(render_docx(report)))
    descriptions = [shape.get("descr") for shape in document.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    readiness = next(d for d in descriptions if d.startswith("Bar chart of readiness"))
    assert all(f"{s.id}, {s.title}:" in readiness for s in report.sections)
    assert not any(p.text.startswith("Bars:") for p in document.paragraphs)


def test_svg_has_a_name_a_description_and_escaped_labels():
    svg = svg_bar_chart("c", "Readiness <by> section", "Same figures as the table.",
                        [Bar("1. <b>Definitions</b>", 50.0, "50.0%")])
    text, tags = html_parts(svg)
    assert 'role="img"' in svg and 'aria-labelledby="c-title c-desc"' in svg
    assert tags[:3] == ["svg", "title", "desc"] and "b" not in tags
    assert "Readiness <by> section" in text and "1. <b>Definitions</b>" in text
