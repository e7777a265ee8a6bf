"""Every screen at 80x24: no text cut without an ellipsis, no dialog hiding its buttons.

What counts as cut: text a widget holds that the screen does not show where it should, with no
"…" to say so. Read from the rendered screen, cell by cell:

- a table cell (and a column heading) must show its whole value, or a prefix ending in "…";
  a column pushed off the right edge shows nothing of its value, so it is cut too;
- a tree line must show its whole label, or one ending in "…";
- a block of text (Static, Label, Button, tab, title) must show every line it renders to at its
  width: lines lost below a box too short for them, or past the right edge of the box or of a
  container that does not scroll that way, are cut unless the last line shown ends in "…".
  Lines merely scrolled out of a container that scrolls (the provision card, a dialog) are not
  cut: the user scrolls to them.

Wrapping is not cutting: a word wrapped onto the next line is all there.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rich.cells import cell_len
from rich.text import Text
from textual.app import App
from textual.geometry import Region
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, Static, Tree
from textual.widgets._header import HeaderTitle

from code_check.demo import install_demo
from code_check.demo.dating import ANCHOR
from code_check.store.workspace import Workspace
from code_check.tui.fitted_table import shared_widths
from code_check.tui.key_bar import KeyBar
from tests.tui.helpers import type_text
from tests.tui.screens import MORE_SCREENS, SCREENS, visit

SMALL = (80, 24)
ELLIPSIS = "…"
WIDE = 1000  # cells: wide enough that no line is cropped or wrapped


# reading the screen ---------------------------------------------------------------------------

def screen_cells(app: App) -> list[list[str]]:
    """The screen as rows of cells; the second cell of a wide character holds ''."""
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens)
    rows = []
    for line in update.strips:
        row: list[str] = []
        for character in Strip.join(line).text:
            row.append(character)
            row.extend([""] * (cell_len(character) - 1))
        rows.append(row)
    return rows


def text_in(cells: list[list[str]], region: Region) -> list[str]:
    return ["".join(row[region.x:region.right]) for row in cells[region.y:region.bottom]]


def shows_all_or_marks_the_cut(shown: str, full: str) -> bool:
    shown, full = " ".join(shown.split()), " ".join(full.split())
    if shown == full:
        return True
    head, cut, tail = shown.partition(ELLIPSIS)  # "Accessibility and a… 8/8"
    return bool(cut and head.strip()) and full.startswith(head.rstrip()) \
        and full.endswith(tail.lstrip())


# what each kind of widget should show ------------------------------------------------------------

def plain(value: object) -> str:
    if isinstance(value, Text):
        return value.plain
    return Text.from_markup(value).plain if isinstance(value, str) else str(value)


def table_cuts(table: DataTable, visible: Region, cells: list[list[str]]) -> Iterator[str]:
    """Cells (and headings) whose value the screen shows only in part, without "…"."""
    window = table.scrollable_content_region
    x = window.x - int(table.scroll_x)
    columns = []
    for column in table.ordered_columns:
        width = column.get_render_width(table)
        columns.append((column, Region(x, 0, width, 1)))
        x += width
    lines: list[tuple[int, int, str, list[object]]] = []
    header_height = table.header_height if table.show_header else 0
    if header_height:
        lines.append((window.y, header_height, "heading",
                      [column.label for column in table.ordered_columns]))
    y = window.y + header_height - int(table.scroll_y)
    for index, row in enumerate(table.ordered_rows):
        lines.append((y, row.height, f"row {row.key.value or index + 1}",
                      table.get_row(row.key)))
        y += row.height
    for top, height, where, values in lines:
        in_view = top >= window.y + header_height or where == "heading"
        if not in_view or top < visible.y or top + height > visible.bottom:
            continue  # scrolled out of view, there to scroll to
        for (column, span), value in zip(columns, values, strict=True):
            box = Region(span.x, top, span.width, height).intersection(visible)
            shown = " ".join(text_in(cells, box)) if box.area else ""
            full = plain(value)
            if not shows_all_or_marks_the_cut(shown, full):
                yield (f"table #{table.id} {where}, column {plain(column.label)!r}: "
                       f"shows {shown.strip()!r} of {full!r}")


def tree_cuts(tree: Tree, visible: Region, cells: list[list[str]]) -> Iterator[str]:
    window = tree.scrollable_content_region.intersection(visible)
    for y in range(window.y, window.bottom):
        line_number = y - window.y + int(tree.scroll_y)
        node = tree.get_node_at_line(line_number)
        if node is None:
            continue
        label = plain(node.label)
        shown = "".join(text_in(cells, Region(window.x, y, window.width, 1))).rstrip()
        if label in shown:
            continue
        for start in range(len(shown)):  # the label begins after the tree's guides
            if shows_all_or_marks_the_cut(shown[start:], label):
                break
        else:
            yield f"tree #{tree.id} line {line_number}: shows {shown.strip()!r} of {label!r}"


def rendered_lines(widget: Widget, width: int) -> list[str]:
    strips = Visual.to_strips(widget, widget._render(), width, None, widget.visual_style)
    lines = [strip.text.rstrip() for strip in strips]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def scrolls_vertically(widget: Widget) -> bool:
    return any(ancestor.allow_vertical_scroll for ancestor in widget.ancestors
               if isinstance(ancestor, Widget))


def text_cuts(widget: Widget, visible: Region) -> Iterator[str]:
    """Lines a text widget renders to that the screen cannot show."""
    box = widget.content_region
    if not box.width:
        return
    lines = rendered_lines(widget, box.width)
    name = f"{type(widget).__name__}" + (f" #{widget.id}" if widget.id else "")
    if widget.styles.text_wrap == "nowrap":
        for narrow, wide in zip(lines, rendered_lines(widget, WIDE), strict=False):
            if not shows_all_or_marks_the_cut(narrow, wide):
                yield f"{name}: shows {narrow.strip()!r} of {wide.strip()!r}"
    shown_rows = box.height
    if box.bottom > visible.bottom and not scrolls_vertically(widget):
        shown_rows -= box.bottom - visible.bottom
    if len(lines) > shown_rows and not lines[shown_rows - 1].endswith(ELLIPSIS):
        yield (f"{name}: {len(lines) - shown_rows} of its {len(lines)} lines are cut off "
               f"after {lines[shown_rows - 1].strip() if shown_rows > 0 else ''!r}")
    hidden_columns = box.right - visible.right
    if hidden_columns > 0:
        for line in lines:
            if line[box.width - hidden_columns:].strip():
                yield f"{name}: {line.strip()!r} runs past the right edge"
                break


def input_cuts(field: Input, visible: Region, cells: list[list[str]]) -> Iterator[str]:
    """A field not being typed in shows its whole value (or its whole placeholder)."""
    box = field.content_region.intersection(visible)
    if field.has_focus or not box.area:
        return  # the text scrolls with the cursor while typing, or the field with the form
    full = field.value or field.placeholder
    shown = " ".join(text_in(cells, box))
    if not shows_all_or_marks_the_cut(shown, full):
        yield f"input #{field.id}: shows {shown.strip()!r} of {full!r}"


TEXT_WIDGETS = (Static, Button, HeaderTitle)


def cuts(app: App) -> list[str]:
    """Everything on the current screen shown in part without an ellipsis."""
    cells = screen_cells(app)
    problems = []
    for widget, (region, clip) in app.screen._compositor.visible_widgets.items():
        visible = region.intersection(clip)
        if widget.show_horizontal_scrollbar and not isinstance(widget, Input):
            problems.append(f"{type(widget).__name__} #{widget.id} scrolls sideways: "
                            "something in it is wider than its box")
        if isinstance(widget, DataTable):
            problems += table_cuts(widget, visible, cells)
        elif isinstance(widget, Tree):
            problems += tree_cuts(widget, visible, cells)
        elif isinstance(widget, Input):
            problems += input_cuts(widget, visible, cells)
        elif isinstance(widget, TEXT_WIDGETS) and not widget.is_container:
            problems += text_cuts(widget, visible)
    return problems


def hidden_texts(app: App) -> list[str]:
    """Text widgets laid out wholly outside a container that cannot scroll to them (a dialog
    too short for its last lines): the screen shows nothing of them, so nothing above finds
    them cut."""
    compositor = app.screen._compositor
    shown = compositor.visible_widgets
    problems = []
    for widget, geometry in compositor.full_map.items():
        if widget in shown or not isinstance(widget, TEXT_WIDGETS) or not widget.display:
            continue
        if rendered_lines(widget, max(widget.content_region.width, 1)) and \
                not scrolls_vertically(widget):
            problems.append(f"{type(widget).__name__} #{widget.id} is out of sight, "
                            f"below {geometry.clip}")
    return problems


def hidden_buttons(app: App) -> list[str]:
    """Buttons not wholly on screen (a dialog's main button scrolled out of view)."""
    screen_region = app.screen.region
    shown = app.screen._compositor.visible_widgets
    problems = []
    for button in app.screen.query(Button):
        region, clip = shown.get(button, (None, None))
        whole = region is not None and clip.contains_region(region) \
            and screen_region.contains_region(region)
        if not whole:
            problems.append(f"button {plain(button.label)!r} is not wholly on screen")
    return problems


# every screen at 80x24, and the busiest ones wider ------------------------------------------------

WIDER = [(120, 40), (200, 50)]
BUSIEST = ["walkthrough-answer-form", "dashboard-sections", "dashboard-gaps", "statistics",
           "complaint-log", "home", "walkthrough-both-codes", "dashboard-both-codes"]


@pytest.fixture
def demo_app(make_app, workspace_path, catalogue):
    with Workspace(workspace_path) as workspace:
        install_demo(workspace, catalogue, today=ANCHOR)  # dated as the bundled files
    return make_app()


EVERY_SCREEN = {**SCREENS, **MORE_SCREENS}


@pytest.mark.parametrize("screen", EVERY_SCREEN)
async def test_nothing_is_cut_at_80_by_24(demo_app, screen):
    async with demo_app.run_test(size=SMALL) as pilot:
        await visit(pilot, EVERY_SCREEN[screen])
        assert cuts(demo_app) + hidden_texts(demo_app) + hidden_buttons(demo_app) == []


@pytest.mark.parametrize("size", WIDER, ids=lambda size: "x".join(map(str, size)))
@pytest.mark.parametrize("screen", BUSIEST)
async def test_nothing_is_cut_on_a_wider_screen(demo_app, screen, size):
    async with demo_app.run_test(size=size) as pilot:
        await visit(pilot, EVERY_SCREEN[screen])
        assert cuts(demo_app) + hidden_texts(demo_app) + hidden_buttons(demo_app) == []


async def test_the_welcome_fits_at_80_by_24(make_app):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await visit(pilot, [])
        assert cuts(app) == []


# what the fit test alone would not show ---------------------------------------------------------

def shown_text(app: App) -> str:
    return "\n".join("".join(row) for row in screen_cells(app))


async def test_the_walkthrough_key_bar_shows_whole_keys_most_important_first(demo_app):
    async with demo_app.run_test(size=SMALL) as pilot:
        await visit(pilot, ["enter"])
        bar = plain(demo_app.screen.query_one(KeyBar).render())
        assert bar.startswith(" m p n a Answer  g Unanswered  f Filter  / Search  ^z Undo ")
        assert bar.rstrip().endswith("^p all actions") and ELLIPSIS not in bar
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        bar = plain(demo_app.screen.query_one(KeyBar).render())
        assert "d Dashboard  r Quick row  ← → Move" in bar and len(bar) <= 120


async def test_the_walkthrough_opens_with_its_first_section_in_view(demo_app):
    async with demo_app.run_test(size=SMALL) as pilot:
        await visit(pilot, ["enter"])
        assert demo_app.screen.query_one(Tree).scroll_y == 0
        assert "▼ 1 Definition" in shown_text(demo_app)


async def test_typing_evidence_keeps_the_provision_in_sight(demo_app):
    async with demo_app.run_test(size=SMALL) as pilot:
        await visit(pilot, ["enter", "e"])
        first_words = " ".join(demo_app.screen.current.text.split()[:5])
        assert demo_app.screen.focused.id == "new-evidence"
        assert first_words in " ".join(shown_text(demo_app).split())


async def test_section_bars_tell_93_8_percent_from_66_7_percent(demo_app):
    async with demo_app.run_test(size=SMALL) as pilot:
        await visit(pilot, ["d"])
        rows = {line.split()[0]: line for line in shown_text(demo_app).splitlines()
                if "93.8%" in line or "66.7%" in line}
        filled = sorted(line.count("█") for line in rows.values())
        assert len(filled) == 2 and filled[1] - filled[0] >= 5


async def test_the_highlighted_gap_reads_in_full_under_the_table(demo_app):
    async with demo_app.run_test(size=SMALL) as pilot:
        await visit(pilot, ["d", "2", "down"])
        table = demo_app.screen.query_one("#gap-table", DataTable)
        provision = plain(table.get_row_at(1)[-1])
        detail = plain(demo_app.screen.query_one("#gap-detail", Static).render())
        assert detail == f"Provision: {provision}"
        assert " ".join(provision.split()) in " ".join(shown_text(demo_app).split())


async def test_a_long_field_value_ends_in_an_ellipsis_until_it_is_typed_in(demo_app):
    async with demo_app.run_test(size=SMALL) as pilot:
        await visit(pilot, SCREENS["walkthrough-answer-form"])
        field = demo_app.screen.query_one("#action-description", Input)
        assert field.tooltip == field.value
        assert plain(field.render_line(0).text).rstrip().endswith(ELLIPSIS)
        field.focus()
        await pilot.pause()
        assert ELLIPSIS not in field.render_line(0).text


async def test_a_long_section_title_is_shortened_but_keeps_its_count(demo_app):
    async with demo_app.run_test(size=SMALL) as pilot:
        await visit(pilot, ["enter"])
        tree = demo_app.screen.query_one(Tree)
        line = "".join(screen_cells(demo_app)[1][:tree.size.width]).rstrip()
        assert line.startswith("▼ 1 Definition of a") and line.endswith("… 8/8")


async def test_one_screens_styles_do_not_restyle_another(demo_app):
    async with demo_app.run_test(size=SMALL) as pilot:
        await visit(pilot, ["d", "escape", *SCREENS["complaint-log"], "escape", "d"])
        summary = demo_app.screen.query_one("#summary")
        assert (summary.styles.padding.top, summary.styles.padding.left) == (0, 1)


def test_flexible_columns_share_the_room_left_and_a_short_one_keeps_its_width():
    upper = {"Id": 10, "Provision": 200}
    assert shared_widths({"Id": 8, "Provision": 8}, upper, 60) == {"Id": 10, "Provision": 50}
    assert shared_widths({"A": 8, "B": 8}, {"A": 100, "B": 100}, 61) == {"A": 31, "B": 30}


def test_columns_fold_words_rather_than_run_off_the_edge_when_even_words_do_not_fit():
    widths = shared_widths({"A": 12, "B": 12}, {"A": 20, "B": 20}, 18)
    assert widths == {"A": 9, "B": 9}


async def test_the_highlighted_search_match_reads_in_full(demo_app):
    async with demo_app.run_test(size=SMALL) as pilot:
        await visit(pilot, [*SCREENS["search"], "down", "down"])
        hint = demo_app.screen.query_one("#search-hint", Static)
        requirement = demo_app.screen.session.catalogue.requirement("1.2")
        assert requirement.text in plain(hint.render()) and cuts(demo_app) == []
        demo_app.screen.query_one(Input).focus()
        await type_text(pilot, "s")
        assert plain(hint.render()).startswith("Enter goes to the first match")


async def test_home_keeps_its_wrapped_rows_after_coming_back_to_it(demo_app):
    """Home lists its assessments again on return: the rows must be fitted again, not left
    one line high with their second lines cut off."""
    async with demo_app.run_test(size=SMALL) as pilot:
        await visit(pilot, ["enter", "escape"])
        assert type(demo_app.screen).__name__ == "HomeScreen"
        assert cuts(demo_app) == []
