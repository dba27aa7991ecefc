"""Every built page passes the current W3C Nu HTML checker (vnu-jar from npm)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(output: Path) -> list[str]:
    if shutil.which("java") is None:
        pytest.fail("java is needed for the W3C checker (Java 17 is on the CI machine)")
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run `npm ci` (make test does)")
    run = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(output)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    report = json.loads(run.stderr or '{"messages": []}')
    return [
        f"{m.get('url', '').rsplit('/output/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
        for m in report["messages"]
        if m.get("type") == "error"
    ]


@pytest.mark.slow
def test_fixture_site_is_valid_html(basic_site: Path) -> None:
    assert vnu_errors(basic_site) == []


@pytest.mark.slow
def test_sample_site_is_valid_html(sample_site: Path) -> None:
    assert vnu_errors(sample_site) == []
