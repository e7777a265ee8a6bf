"""What a CSV file holds, told before it is read, and its faults told in plain words.

Spreadsheets and case systems save "CSV" in several ways: UTF-8 with or without a byte-order
mark, Windows-1252 (Excel's plain "CSV" on Windows), UTF-16 with a mark (Excel's "Unicode
Text"), with commas, semicolons (where the comma is the decimal mark) or tabs between cells.
The complaint log, the published form and the statistics all go by the one rule here. A
workbook renamed .csv is not text at all, and reading it as if it were would only produce a
misleading complaint about its columns.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable
from functools import partial
from itertools import chain
from pathlib import Path

from code_check.errors import InputError
from code_check.readers.files import open_to_read

UTF8 = "utf-8-sig"  # drops a byte-order mark, if there is one
WINDOWS_1252 = "cp1252"
DELIMITERS = ",;\t"
SAVE_AS_UTF8 = 'save it from your spreadsheet as "CSV UTF-8"'
CHUNK_BYTES = 1 << 20  # a streamed file is checked this much at a time
_BYTE_ORDER_MARKS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ENCODING_NAMES = {UTF8: "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}
# Bytes that are text in Windows-1252: all but the control characters (tab and line ends
# excepted) and the five it leaves undefined.
_WINDOWS_1252_TEXT = bytes(set(range(0x20, 0x100)) - {0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D}
                           | set(b"\t\r\n"))


def decode_csv(raw: bytes, source: str | Path) -> str:
    """A whole CSV file's text, in the encoding ``csv_encoding`` finds."""
    return raw.decode(csv_encoding([raw], source))


def file_encoding(path: Path) -> str:
    """The encoding ``csv_encoding`` finds for a file, read a chunk at a time so that memory
    does not grow with its length."""
    with open_to_read(path) as handle:
        return csv_encoding(iter(partial(handle.read, CHUNK_BYTES), b""), path)


def csv_encoding(chunks: Iterable[bytes], source: str | Path) -> str:
    """The one encoding rule for every CSV code-check reads, checked over the whole file.

    UTF-16 or UTF-32 by a byte-order mark, else UTF-8 (with or without its mark), else
    Windows-1252 (Excel's plain "CSV" on Windows) when the file has no mark and every byte is
    text in it. Anything else is refused in one line naming the first byte at fault: a NUL
    byte, in a file without a mark, as not a text file (a workbook renamed .csv).
    """
    chunks = iter(chunks)
    head = next(chunks, b"")
    check = _EncodingCheck(_marked_encoding(head, source), head.startswith(codecs.BOM_UTF8))
    for chunk in chain([head], chunks):
        check.feed(chunk, source)
    return check.verdict(source)


class _EncodingCheck:
    """The file's bytes, fed in order, against its encoding and against Windows-1252."""

    def __init__(self, encoding: str, marked: bool) -> None:
        self.encoding = encoding
        self.decoder = codecs.getincrementaldecoder(encoding)()
        self.lines = 0  # line ends in the bytes decoded so far
        self.fault: InputError | None = None  # the first byte not in ``encoding``
        self.windows_1252 = encoding == UTF8 and not marked  # still possible

    def feed(self, chunk: bytes, source: str | Path) -> None:
        if self.encoding == UTF8 and (nul := chunk.find(b"\x00")) >= 0:
            raise InputError(f"is not a text file (an Excel workbook?): {SAVE_AS_UTF8}",
                             source=source, line=self.lines + chunk.count(b"\n", 0, nul) + 1)
        if self.windows_1252 and chunk.translate(None, _WINDOWS_1252_TEXT):
            self.windows_1252 = False
        if self.fault is None:
            try:
                self.lines += self.decoder.decode(chunk).count("\n")
            except UnicodeDecodeError as problem:
                self.fault = self._not_text(problem, source)

    def verdict(self, source: str | Path) -> str:
        if self.fault is None:
            try:
                self.decoder.decode(b"", final=True)
            except UnicodeDecodeError as problem:
                self.fault = self._not_text(problem, source)
        if self.fault is None:
            return self.encoding
        if self.windows_1252:
            return WINDOWS_1252
        raise self.fault

    def _not_text(self, problem: UnicodeDecodeError, source: str | Path) -> InputError:
        """Where the decoder stopped: ``problem.object`` holds the bytes it was given (after any
        mark), so the line ends before the fault are counted in the codec that failed."""
        before = problem.object[:problem.start].decode(problem.encoding, errors="replace")
        return InputError(f"is not {_ENCODING_NAMES[self.encoding]} text "
                          f"(byte 0x{problem.object[problem.start]:02x}); {SAVE_AS_UTF8}",
                          source=source, line=self.lines + before.count("\n") + 1)


def _marked_encoding(head: bytes, source: str | Path) -> str:
    """The encoding a file's first bytes show: UTF-16 or UTF-32 by a byte-order mark, else UTF-8.

    Text never holds a NUL byte: without such a mark, one means a binary file (a workbook
    renamed .csv) or UTF-16 that lost its mark, and the file is refused rather than misread.
    """
    for mark, encoding in _BYTE_ORDER_MARKS:
        if head.startswith(mark):
            return encoding
    nul = head.find(b"\x00")
    if nul >= 0 and _looks_like_utf16(head):
        raise InputError(f"is UTF-16 text without a byte-order mark: {SAVE_AS_UTF8}",
                         source=source, line=head.count(b"\n", 0, nul) + 1)
    return UTF8


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
