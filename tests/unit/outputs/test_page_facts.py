"""press.outputs.page_facts: a fact is reused only while its page's render key holds."""

from __future__ import annotations

from pathlib import Path

from press.outputs.page_facts import PageFacts


def test_facts_follow_the_render_keys(tmp_path: Path) -> None:
    path = str(tmp_path / "facts.json")
    first = PageFacts(path, {"a.html": "k1", "b.html": "k1", "gone.html": "k1"})
    derived: list[str] = []

    def derive(name: str) -> str:
        derived.append(name)
        return f"fact of {name}"

    for name in ("a.html", "b.html", "gone.html", "unkeyed.html"):
        first.get(name, lambda n=name: derive(n))
    first.save()
    assert derived == ["a.html", "b.html", "gone.html", "unkeyed.html"]

    # b changed, gone was deleted, unkeyed pages are never kept
    second = PageFacts(path, {"a.html": "k1", "b.html": "k2"})
    derived.clear()
    for name in ("a.html", "b.html", "unkeyed.html"):
        assert second.get(name, lambda n=name: derive(n)) == f"fact of {name}"
    assert derived == ["b.html", "unkeyed.html"]
    assert second.forgotten() == ["gone.html"]
    second.save()
    assert set(PageFacts(path, {}).previous) == {"a.html", "b.html"}


def test_a_damaged_cache_file_means_deriving_again(tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_text("{not json", encoding="utf-8")
    facts = PageFacts(str(path), {"a.html": "k1"})
    assert facts.previous == {}
    assert facts.get("a.html", lambda: 42) == 42
