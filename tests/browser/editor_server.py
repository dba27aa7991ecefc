"""The editor as ``make editor`` serves it, for the browser test, plus /__fs/.

``/admin/`` is the built bundle (``editor/dist/admin``) with the ``index.html``
and ``config.yml`` that ``press.cli.editor`` generated for the test's site;
``/__fs/`` reads and writes that site's folder for ``fsa_shim.js`` (see
there why). Paths never leave the folder.
"""

from __future__ import annotations

import http.server
import json
import shutil
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.browser.conftest import http_server


class _Handler(http.server.SimpleHTTPRequestHandler):
    repo: Path
    admin: Path

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def translate_path(self, path: str) -> str:
        parts = urllib.parse.urlsplit(path).path
        if parts.startswith("/admin/"):
            return str(self.admin / urllib.parse.unquote(parts[len("/admin/"):]))
        return str(self.admin / "__none__")

    def _target(self, query: dict[str, list[str]], key: str = "path") -> Path:
        relative = query.get(key, [""])[0]
        target = (self.repo / relative).resolve()
        if target != self.repo and self.repo not in target.parents:
            raise PermissionError(relative)
        return target

    def _send(self, status: int, body: bytes = b"", kind: str = "text/plain", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _fs(self) -> bool:
        url = urllib.parse.urlsplit(self.path)
        if not url.path.startswith("/__fs/"):
            return False
        op = url.path[len("/__fs/"):]
        query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        try:
            self._op(op, query)
        except FileNotFoundError as exc:
            self._send(404, f"NotFoundError: {exc}".encode())
        except (NotADirectoryError, IsADirectoryError) as exc:
            self._send(409, f"TypeMismatchError: {exc}".encode())
        except PermissionError as exc:
            self._send(403, f"SecurityError: {exc}".encode())
        return True

    def _op(self, op: str, query: dict[str, list[str]]) -> None:
        target = self._target(query)
        if op == "list":
            if not target.is_dir():
                raise FileNotFoundError(target.name)
            items = [[p.name, "directory" if p.is_dir() else "file"] for p in sorted(target.iterdir())]
            self._send(200, json.dumps(items).encode(), "application/json")
        elif op == "read":
            if not target.is_file():
                raise FileNotFoundError(target.name)
            modified = str(int(target.stat().st_mtime * 1000))
            self._send(200, target.read_bytes(), "application/octet-stream", {"X-Modified": modified})
        elif op == "write":
            length = int(self.headers.get("Content-Length", 0))
            target.write_bytes(self.rfile.read(length))
            self._send(204)
        elif op == "open":
            kind, create = query["kind"][0], query["create"][0] == "1"
            if target.exists():
                if target.is_dir() != (kind == "directory"):
                    raise NotADirectoryError(target.name)
            elif not create:
                raise FileNotFoundError(target.name)
            elif kind == "directory":
                target.mkdir()
            else:
                target.write_bytes(b"")
            self._send(204)
        elif op == "move":
            target.rename(self._target(query, "to"))
            self._send(204)
        elif op == "remove":
            if target.is_dir():
                shutil.rmtree(target) if query.get("recursive") == ["1"] else target.rmdir()
            elif target.exists():
                target.unlink()
            else:
                raise FileNotFoundError(target.name)
            self._send(204)
        else:
            self._send(400, b"unknown operation")

    def do_GET(self) -> None:
        if not self._fs():
            super().do_GET()

    def do_POST(self) -> None:
        self._fs() or self._send(405)

    def do_PUT(self) -> None:
        self._fs() or self._send(405)


@contextmanager
def serve(repo: Path, admin: Path) -> Iterator[str]:
    """Serve ``admin`` at /admin/ and ``repo`` at /__fs/ on localhost; yield the base address."""
    handler = type("Handler", (_Handler,), {"repo": repo.resolve(), "admin": admin})
    with http_server(handler, "editor") as port:
        yield f"http://localhost:{port}"
