"""The picture check: the Word paper as LibreOffice prints it (skipped off CI without it)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from code_check.report.word import render_docx

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None and os.environ.get("CI") != "true",
    reason="LibreOffice (soffice) is not installed; .ci/run installs it on CI")


def _pages(report, tmp_path) -> list[str]:
    paper = tmp_path / "paper.docx"
    paper.write_bytes(render_docx(report))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(paper)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", str(tmp_path / "paper.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def test_printed_paper_numbers_its_pages_and_breaks_no_state_word(report, tmp_path):
    pages = _pages(report, tmp_path)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    text = "\n".join(pages)
    words = {word for action in report.actions for word in action.state.split()}
    assert "Complete" in words
    for word in words:
        for cut in range(1, len(word)):
            assert f"{word[:cut]}\n{word[cut:]}" not in text, word
