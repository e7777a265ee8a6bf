"""The picture check: the Word files as LibreOffice prints them (skipped off CI without it)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections import Counter

import docx

from code_check.report.template import render_template_docx
from code_check.report.word import render_docx
from tests.tools import unless_installed

pytestmark = unless_installed([] if shutil.which("soffice") else ["LibreOffice (soffice)"],
                              "apt-get install libreoffice-writer-nogui poppler-utils")


def _pages(data: bytes, tmp_path) -> list[str]:
    """The file's pages as pdftotext reads them from LibreOffice's PDF."""
    paper = tmp_path / "paper.docx"
    paper.write_bytes(data)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(paper)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", str(tmp_path / "paper.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def test_printed_paper_numbers_its_pages_and_breaks_no_state_word(report, tmp_path):
    pages = _pages(render_docx(report), tmp_path)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    # No page is wasted: the paper runs on after page 1's summary instead of breaking the
    # page, which left a page holding one line that spilled over.
    for number, page in enumerate(pages[:-1], start=1):
        assert len([line for line in page.splitlines() if line.strip()]) > 8, number
    text = "\n".join(pages)
    words = {word for action in report.actions for word in action.state.split()}
    assert "Complete" in words
    for word in words:
        for cut in range(1, len(word)):
            assert f"{word[:cut]}\n{word[cut:]}" not in text, word


def test_printed_form_loses_no_text_of_a_row_taller_than_a_page(report, tmp_path):
    """A row kept whole but taller than a page has its end cut off when printed."""
    data = render_template_docx(report)
    form = docx.Document(io.BytesIO(data)).tables[1]
    written = _words("\n".join(cell.text for row in form.rows for cell in row.cells))
    printed = _words("\n".join(_pages(data, tmp_path)).replace("-\n", ""))
    assert written - printed == Counter()


def _words(text: str) -> Counter[str]:
    """Words of four letters or more, web addresses left out (they wrap anywhere)."""
    text = re.sub(r"https?://\S+", " ", text)
    return Counter(re.findall(r"[a-z]{4,}", text.lower().replace("-", "")))
