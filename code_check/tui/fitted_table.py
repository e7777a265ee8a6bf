"""A table that fits its box instead of running off the right edge.

Textual's ``DataTable`` makes every column as wide as its widest value, so a long provision text
pushes the columns after it off screen and cuts the rest mid-word. Here the ``flexible`` columns
give way: the others keep their natural width (a bar stays a bar), the flexible ones share what
is left. Then either
- a value too long for its column ends in "…", and the highlighted row's cut values are shown
  whole in a detail line under the table (long lists: gaps, checks), or, with ``wrap``,
- values wrap inside their column and the row grows (short tables of figures).
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable, Static

from code_check.tui.user_text import inert_text

MIN_WIDTH = 8  # cells: a flexible column never gets less


def as_text(value: object, wrap: bool = False) -> Text:
    """A cell as plain text (never markup, no control characters): wrapping, or ending in
    "…" when cut."""
    text = value.copy() if isinstance(value, Text) else inert_text(value)
    text.no_wrap, text.overflow = not wrap, "fold" if wrap else "ellipsis"
    return text


def plain(value: object) -> str:
    return as_text(value).plain


def shared_widths(lower: Mapping[str, int], upper: Mapping[str, int], room: int) -> dict[str, int]:
    """Widths for flexible columns within ``room`` cells: each at least its ``lower`` width,
    at most its ``upper``, and in between filled like water, to one level (so a long column
    cannot starve the others, and a short one keeps its natural width)."""
    if sum(lower.values()) > room:  # even the lower widths do not fit: fold words instead
        lower = {label: min(width, MIN_WIDTH) for label, width in upper.items()}

    def at(level: int) -> dict[str, int]:
        return {label: min(upper[label], max(lower[label], level)) for label in upper}

    levels = range(max(upper.values(), default=0) + 1)
    widths = at(max((level for level in levels if sum(at(level).values()) <= room), default=0))
    growing = [label for label in widths if widths[label] < upper[label]]
    for label in growing[:room - sum(widths.values())]:  # the cells left over by the level
        widths[label] += 1
    return widths


class FittedTable(DataTable):
    """``flexible``: {column label: the width it first gives way to, or None}; ``detail``: the
    id of the Static showing the highlighted row's cut values; ``wrap``: wrap instead."""

    DEFAULT_CSS = """
    FittedTable {
        scrollbar-gutter: stable;  /* widths do not change as the scrollbar comes and goes */
    }
    """

    def __init__(self, *, flexible: Mapping[str, int | None], detail: str | None = None,
                 wrap: bool = False, **options) -> None:
        super().__init__(**options)
        self.flexible = dict(flexible)
        self.detail = detail
        self.wrap = wrap
        self._widths: dict[str, int] | None = None  # None: not fitted yet
        self._fit_pending = False

    def add_row(self, *cells, height: int | None = 1, key: str | None = None, label=None):
        """A row one line high until the table is fitted (measuring wrapped rows costs time)."""
        self._fit_soon()
        return super().add_row(*(as_text(cell, self.wrap) for cell in cells), height=height,
                               key=key, label=label)

    def clear(self, columns: bool = False) -> FittedTable:
        # Rows added after this start one line high: forget the fitted widths so the next
        # fit lays the table out again even when the widths come out the same.
        self._widths = None
        return super().clear(columns)

    def on_resize(self) -> None:
        self._fit()  # at once: the first frame already has the fitted widths

    def _fit_soon(self) -> None:
        if not self._fit_pending:
            self._fit_pending = True
            self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        self._fit_pending = False
        widths = self._flexible_widths()
        if widths != self._widths:
            self._rebuild(widths)
        self._show_detail()

    def _flexible_widths(self) -> dict[str, int]:
        """{label: width} for the flexible columns when the table does not fit; {} if it does."""
        texts = {column.label.plain: [column.label.plain, *map(plain, self.get_column(column.key))]
                 for column in self.ordered_columns}
        natural = {label: max(map(cell_len, values)) for label, values in texts.items()}
        room = self.scrollable_content_region.width - 2 * self.cell_padding * len(natural)
        if room <= 0 or sum(natural.values()) <= room:
            return {}
        fixed = sum(width for label, width in natural.items() if label not in self.flexible)
        upper = {label: min(natural[label], self.flexible[label] or natural[label])
                 for label in natural if label in self.flexible}
        lower = {label: min(width, self._narrowest(texts[label])) for label, width in upper.items()}
        return shared_widths(lower, upper, room - fixed)

    def _narrowest(self, values: list[str]) -> int:
        """The width below which a column says too little: its longest word when wrapping."""
        if not self.wrap:
            return MIN_WIDTH
        return max(MIN_WIDTH, *(cell_len(word) for value in values for word in value.split()))

    def _rebuild(self, widths: dict[str, int]) -> None:
        """The same rows again at the new widths (Textual has no call to resize a column)."""
        columns = [(column.key.value, column.label) for column in self.ordered_columns]
        rows = [(row.key.value, row.label, self.get_row(row.key)) for row in self.ordered_rows]
        cursor = self.cursor_coordinate
        self.clear(columns=True)
        squeezed = any(cell_len(label.plain) > widths.get(label.plain, cell_len(label.plain))
                       for _, label in columns)
        self.header_height = 2 if self.wrap and squeezed else 1  # a long heading wraps too
        for key, label in columns:
            self.add_column(as_text(label, self.wrap), width=widths.get(label.plain), key=key)
        for key, label, cells in rows:
            super().add_row(*cells, height=self._height(cells, widths), key=key, label=label)
        self._widths = widths
        if rows:
            self.move_cursor(row=cursor.row, column=cursor.column, animate=False)

    def _height(self, cells: list[object], widths: dict[str, int]) -> int:
        """The lines a row needs when its values wrap in their columns (worked out here: a
        row of Textual's own "auto" height is rendered twice to find it)."""
        if not self.wrap:
            return 1
        console = self.app.console
        return max(len(as_text(cell, wrap=True).wrap(console, widths[column.label.plain]))
                   for column, cell in zip(self.ordered_columns, cells, strict=True)
                   if column.label.plain in widths) if widths else 1

    def cut_values(self, row_index: int) -> list[tuple[str, str]]:
        """(column label, whole value) for each value of a row that its column cuts."""
        if self.wrap or not self.is_valid_row_index(row_index):
            return []
        cells = [as_text(cell) for cell in self.get_row_at(row_index)]
        widths = self._widths or {}
        return [(column.label.plain, cell.plain)
                for column, cell in zip(self.ordered_columns, cells, strict=True)
                if cell.cell_len > widths.get(column.label.plain, cell.cell_len)]

    def on_data_table_row_highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        if self.detail is None:
            return
        text = Text()
        for label, value in self.cut_values(self.cursor_row):
            text.append("\n" if text else "").append(f"{label}: ", style="bold").append(value)
        self.screen.query_one(f"#{self.detail}", Static).update(text)
