"""The reference page as published: its PDF text, page image and image map, pinned.

A change that moves code without meaning to change the printed page must leave these
identical. A change that means to change the page regenerates the golden file on purpose:
`CHENBAO_UPDATE_GOLDEN=1 .venv/bin/pytest tests/editions/test_reference_golden.py`.
"""

import hashlib
import io
import json
import os
from pathlib import Path

import pdfplumber
from django.core.files.storage import FileSystemStorage

from chenbao.editions.models import Edition

GOLDEN = Path(__file__).parent / "data" / "reference-page-golden.json"


def published(reference_page, tmp_path) -> dict:
    from chenbao.editions.services.publish import edition_publish

    storage = FileSystemStorage(location=str(tmp_path))
    edition_publish(
        edition=Edition.objects.get(pk=reference_page.edition_id),
        storage=storage,
        base_url="http://paper.example",
    )
    folder = tmp_path / "2022-12-02"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    page = manifest["pages"]["A02"]
    with pdfplumber.open(io.BytesIO((folder / "A02.pdf").read_bytes())) as pdf:
        text = pdf.pages[0].extract_text().splitlines()
    # Story ids differ between runs; the areas are compared by title, slot and place.
    areas = [
        {k: a[k] for k in ("slot", "title", "coords", "body", "columns")} for a in page["areas"]
    ]
    return {
        "pdf_text": text,
        "png_sha256": hashlib.sha256((folder / "A02.png").read_bytes()).hexdigest(),
        "size_px": [page["width_px"], page["height_px"]],
        "areas": areas,
        "problems": page["problems"],
    }


def test_the_reference_page_prints_as_pinned(reference_page, tmp_path):
    got = published(reference_page, tmp_path)
    if os.environ.get("CHENBAO_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert got["areas"] == want["areas"]
    assert got["pdf_text"] == want["pdf_text"]
    assert got["size_px"] == want["size_px"]
    assert got["problems"] == want["problems"]
    assert got["png_sha256"] == want["png_sha256"]
