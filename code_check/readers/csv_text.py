"""What a CSV file holds, told before it is read, and its faults told in plain words.

Spreadsheets and case systems save "CSV" in several ways: UTF-8 with or without a byte-order
mark, UTF-16 with one (Excel's "Unicode Text"), with commas, semicolons (where the comma is the
decimal mark) or tabs between cells. A workbook renamed .csv is not text at all, and reading it
as if it were would only produce a misleading complaint about its columns.
"""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

from code_check.errors import InputError

UTF8 = "utf-8-sig"  # drops a byte-order mark, if there is one
DELIMITERS = ",;\t"
SAVE_AS_UTF8 = 'save it from your spreadsheet as "CSV UTF-8"'
_BYTE_ORDER_MARKS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def text_encoding(head: bytes, source: str | Path) -> str:
    """The encoding a file's first bytes show: UTF-16 or UTF-32 by a byte-order mark, else UTF-8.

    Text never holds a NUL byte: without such a mark, one means a binary file (a workbook
    renamed .csv) or UTF-16 that lost its mark, and the file is refused rather than misread.
    """
    for mark, encoding in _BYTE_ORDER_MARKS:
        if head.startswith(mark):
            return encoding
    nul = head.find(b"\x00")
    if nul < 0:
        return UTF8
    what = ("is UTF-16 text without a byte-order mark" if _looks_like_utf16(head)
            else "is not a text file (an Excel workbook?)")
    raise InputError(f"{what}: {SAVE_AS_UTF8}", source=source,
                     line=head.count(b"\n", 0, nul) + 1)


def _looks_like_utf16(head: bytes) -> bool:
    """Text of mostly Latin letters in UTF-16 has a NUL in every other byte."""
    sample = head[:1000]
    return max(sample[0::2].count(0), sample[1::2].count(0)) >= 0.4 * len(sample)


def delimiter_of(text: str) -> str:
    """Whichever of , ; or tab the first line (the header) uses most; a comma if none."""
    first_line = text.lstrip("\r\n").partition("\n")[0]
    return max(DELIMITERS, key=first_line.count)


def csv_problem(error: csv.Error) -> str:
    """What the csv module (reading strictly) could not read, said so it can be put right."""
    text = str(error)
    if text == "unexpected end of data":
        return ('a quoted cell opened on this row is never closed (a " is missing), '
                "so the rest of the file cannot be read")
    if text.startswith("field larger than field limit"):
        return (f"a cell on this row is longer than {csv.field_size_limit():,} characters; "
                'is a quote (") left open?')
    if " expected after " in text:
        return ('a quoted cell on this row goes on after its closing quote '
                '(a " inside a cell is written as "")')
    return f"cannot be read as CSV ({text})"
