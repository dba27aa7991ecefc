"""Real nginx and Apache serving a built site with deploy/nginx.conf and deploy/htaccess.

Each runs in the foreground on a free loopback port with a configuration
written into a temporary folder (pid, logs and temporary files there), so no
system service is touched and no root is needed. As root (CI), the workers
run as ``nobody``, so the site is copied into a folder everyone may read.
``make test`` installs both with apt-get (SYSTEM_DEPS in the Makefile); a
test skips, saying so, only where they are missing.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT

NGINX_CONF = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
APACHE = shutil.which("apache2") or "/usr/sbin/apache2"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
APACHE_MODULES = Path("/usr/lib/apache2/modules")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def readable_copy(site: Path) -> Path:
    """A copy of ``site`` that a server's workers running as ``nobody`` can read."""
    folder = Path(tempfile.mkdtemp(prefix="press-www-"))
    target = folder / "site"
    shutil.copytree(site, target)
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path | None = None) -> None:
    """Return once ``process`` listens on ``port``; fail with its ``log`` if it stopped."""
    for _ in range(400):
        if process.poll() is not None:
            text = log.read_text(errors="replace") if log and log.exists() else ""
            raise RuntimeError(f"the server stopped (exit {process.returncode}): {text[-2000:]}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


@contextmanager
def _running(command: list[str], port: int, log: Path) -> Iterator[str]:
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def nginx_server_block(site: Path, port: int) -> str:
    """deploy/nginx.conf with this test's address and folder, nothing else changed."""
    text = NGINX_CONF.read_text(encoding="utf-8")
    text = text.replace("    listen [::]:80;\n", "")
    text = re.sub(r"^(\s*)listen 80;$", rf"\1listen 127.0.0.1:{port};", text, flags=re.M)
    text = re.sub(r"^(\s*)root /var/www/press;$", rf"\1root {site};", text, flags=re.M)
    if not BROTLI_MODULE.exists():  # as the file's comment says: without the module, gzip alone
        text = text.replace("    brotli_static on;\n", "")
    return text


@contextmanager
def nginx(site: Path, port: int | None = None) -> Iterator[str]:
    """``http://127.0.0.1:<port>``: nginx serving ``site`` with deploy/nginx.conf."""
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="press-nginx-") as tmp:
        work = Path(tmp)
        (work / "site.conf").write_text(nginx_server_block(site, port), encoding="utf-8")
        temps = "\n".join(f"  {name}_temp_path {work}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        conf = work / "nginx.conf"
        conf.write_text(
            (f"load_module {BROTLI_MODULE};\n" if BROTLI_MODULE.exists() else "")
            + ("user nobody nogroup;\n" if os.geteuid() == 0 else "")
            + f"worker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\n"
            + "events { worker_connections 64; }\n"
            + f"http {{\n  access_log off;\n{temps}\n  include {work}/site.conf;\n}}\n",
            encoding="utf-8",
        )
        log = work / "error.log"
        with _running([NGINX, "-p", str(work), "-c", str(conf), "-e", str(log), "-g", "daemon off;"], port, log) as url:
            yield url


@contextmanager
def apache(site: Path, port: int | None = None) -> Iterator[str]:
    """``http://127.0.0.1:<port>``: Apache serving ``site``, configured by its ``.htaccess``."""
    port = port or free_port()
    modules = ("mpm_event", "authz_core", "mime", "dir", "rewrite", "headers", "env", "setenvif")
    with tempfile.TemporaryDirectory(prefix="press-apache-") as tmp:
        work = Path(tmp)
        conf = work / "httpd.conf"
        log = work / "error.log"
        conf.write_text(
            "\n".join(f"LoadModule {name}_module {APACHE_MODULES}/mod_{name}.so" for name in modules)
            + f"\nServerRoot {work}\nListen 127.0.0.1:{port}\nServerName 127.0.0.1\nPidFile {work}/httpd.pid\n"
            + f"DefaultRuntimeDir {work}\nErrorLog {log}\nLogLevel warn\nTypesConfig /etc/mime.types\n"
            + ("User nobody\nGroup nogroup\n" if os.geteuid() == 0 else "")
            + f'DocumentRoot "{site}"\n<Directory "{site}">\n  AllowOverride All\n  Require all granted\n</Directory>\n',
            encoding="utf-8",
        )
        with _running([APACHE, "-f", str(conf), "-DFOREGROUND"], port, log) as url:
            yield url
