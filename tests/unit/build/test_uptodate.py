"""press.build.uptodate: the digest of the output a stamp records."""

from __future__ import annotations

from pathlib import Path

from press.build.uptodate import output_digest


def test_the_output_digest_reuses_parts_walked_before_the_swap(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "ru").mkdir(parents=True)
    (site / "ru/index.html").write_text("главная", encoding="utf-8")
    (site / "pagefind").mkdir()
    (site / "robots.txt").write_text("User-agent: *", encoding="utf-8")
    _, before = output_digest(str(site))
    (site / "pagefind/pagefind-entry.json").write_text("{}", encoding="utf-8")  # written after that walk
    whole, _ = output_digest(str(site))
    assert output_digest(str(site), before, again={"pagefind"})[0] == whole
    # a file changed after the walk and not walked again: the stamp differs from
    # the live site, so the next run builds (never the other way round)
    (site / "ru/index.html").write_text("главная страница", encoding="utf-8")
    assert output_digest(str(site), before, again={"pagefind"})[0] != output_digest(str(site))[0]


def test_a_dangling_link_at_the_top_of_the_output_is_digested_not_raised(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "robots.txt").symlink_to(tmp_path / "gone.txt")
    digest, parts = output_digest(str(site))
    assert digest and "robots.txt" in parts
