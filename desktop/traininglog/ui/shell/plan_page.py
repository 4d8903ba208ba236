"""File ▸ Plan next session: the targets of every exercise with a progression rule, written as
a markdown page or, for a name ending in .pdf, as a PDF page made from the same markdown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from ...files.atomic import write_atomically


def pdf_bytes(markdown: str) -> bytes:
    """One A4 PDF of the markdown, as Qt lays it out."""
    document = QTextDocument()
    document.setMarkdown(markdown)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle("Next session")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
        )
    )
    document.print_(writer)
    del writer  # the PDF is finished when its writer goes
    buffer.close()
    return bytes(data.data())


def write_plan(path: Path, markdown: str) -> Path:
    """Write the plan (atomically): a PDF when `path` ends in .pdf, else the markdown."""
    data = pdf_bytes(markdown) if path.suffix.lower() == ".pdf" else markdown.encode("utf-8")
    write_atomically(path, data)
    return path
