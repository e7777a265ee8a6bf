"""One encoding rule for every CSV code-check reads (issue 11): the complaint log, the published
form and the Ombudsman statistics, each through its command, take or refuse a file alike."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

LOG_HEADER = ("reference,received,acknowledged,stage1_response,stage1_extended,escalated,"
              "stage2_acknowledged,stage2_response,stage2_extended,service\n")
# Each reader's file, naming a "Café" that the reader's output shows back when read right.
CONTENT = {
    "log analyse": LOG_HEADER + "R1,2025-04-01,2025-04-02,2025-04-10,no,,,,,Café\n",
    "assessment import": "Section,Do we follow the Code,Evidence\n1,Yes,Café policy\n",
    "stats show": ("council,authority_type,year,investigated,upheld,satisfactory_remedy\n"
                   "Café Council,county_council,2022-23,61,53,4\n"),
}
SAVE_AS = 'save it from your spreadsheet as "CSV UTF-8"'


def run_reader(run_cli, reader: str, path: Path) -> tuple[int, str, str]:
    """The reader's command on ``path``: its status, what it showed (output file included) and
    its error with the file's name taken out."""
    output = path.with_name("imported.yaml")
    extra = {
        "log analyse": ["--as-of", "2025-06-01", "--format", "json"],
        "assessment import": ["--council", "Northtown", "--authority-type", "district_council",
                              "-o", output],
        "stats show": [],
    }[reader]
    status, out, err = run_cli(*reader.split(), path, *extra)
    shown = out + (output.read_text(encoding="utf-8") if output.exists() else "")
    return status, shown, err.replace(str(path), "FILE")


@pytest.mark.parametrize("reader", list(CONTENT))
@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-16-be-marked", "utf-8-sig"])
def test_every_reader_takes_each_encoding_of_the_rule(tmp_path, run_cli, reader, encoding):
    path = tmp_path / "file.csv"
    if encoding == "utf-16-be-marked":
        path.write_bytes(codecs.BOM_UTF16_BE + CONTENT[reader].encode("utf-16-be"))
    else:
        path.write_bytes(CONTENT[reader].encode(encoding))
    status, shown, err = run_reader(run_cli, reader, path)
    assert (status, err) == (0, "")
    assert "Café" in shown


UNREADABLE = {
    "an Excel workbook": (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
                          f"FILE:1: is not a text file (an Excel workbook?): {SAVE_AS}"),
    "a NUL byte in text": (b"council,year\nKent\x00,2022-23\n",
                           f"FILE:2: is not a text file (an Excel workbook?): {SAVE_AS}"),
    "neither UTF-8 nor Windows-1252": (b"council,year\nCaf\x81,2022-23\n",
                                       f"FILE:2: is not UTF-8 text (byte 0x81); {SAVE_AS}"),
    "UTF-16 without its mark": ("council,year\n".encode("utf-16-le"),
                                f"FILE:1: is UTF-16 text without a byte-order mark: {SAVE_AS}"),
    "damaged UTF-16": ("council,year\nKent,2022-23\n".encode("utf-16") + b"\x00",
                       f"FILE:3: is not UTF-16 text (byte 0x00); {SAVE_AS}"),
}


@pytest.mark.parametrize("reader", list(CONTENT))
@pytest.mark.parametrize("case", list(UNREADABLE))
def test_every_reader_refuses_a_file_that_is_not_text_in_the_same_words(tmp_path, run_cli,
                                                                       reader, case):
    content, expected = UNREADABLE[case]
    path = tmp_path / "file.csv"
    path.write_bytes(content)
    status, _, err = run_reader(run_cli, reader, path)
    assert (status, err) == (1, f"code-check: {expected}\n")


def test_the_log_is_judged_whole_not_by_its_first_bytes(tmp_path, run_cli):
    """A Windows-1252 byte far down a long log makes it Windows-1252 from its first line, as
    for the files read whole, rather than a misread UTF-8 file."""
    row = "R1,2025-04-01,2025-04-02,2025-04-10,no,,,,,Housing\n"
    path = tmp_path / "file.csv"
    path.write_bytes((LOG_HEADER + row * 40_000 + row.replace("Housing", "Café"))
                     .encode("cp1252"))
    status, shown, err = run_reader(run_cli, "log analyse", path)
    assert (status, err) == (0, "")
    assert '"service": "Café"' in shown
