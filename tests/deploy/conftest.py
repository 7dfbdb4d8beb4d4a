"""A real nginx (Debian package ``nginx``, installed by ``scripts/system-deps.sh``) run as an
unprivileged instance: its own configuration, pid file, logs and temp paths in a temporary
folder, a free port, the shipped site (``gongkai deploy nginx``) in front of an app server."""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

NGINX = "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Nginx:
    url: str
    access_log: Path
    error_log: Path
    static_root: Path


MAIN_CONF = """\
{user}worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format probe '$status $request_length upstream=$upstream_addr "$request"';
    access_log {tmp}/access.log probe;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/site.conf;
}}
"""


@pytest.fixture
def start_nginx(tmp_path: Path) -> Iterator[Callable[[str], Nginx]]:
    """``start_nginx("127.0.0.1:PORT")``: nginx with the shipped site in front of that app
    server, answering on a free port; stopped (and checked to be gone) after the test."""
    from django.conf import settings

    from gongkai.web.deploy import NginxSite, render_nginx_site

    assert shutil.which(NGINX) or os.path.exists(NGINX), "nginx 未安装：运行 make system-deps"
    processes: list[subprocess.Popen[bytes]] = []

    def start(upstream: str) -> Nginx:
        port = free_port()
        static_root = tmp_path / "static"
        static_root.mkdir()
        site = render_nginx_site(
            NginxSite(
                server_name="127.0.0.1",
                upstreams=[upstream],
                static_root=static_root,
                max_upload_bytes=int(settings.GONGKAI_MAX_UPLOAD_BYTES),
                max_fields_bytes=int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
                listen=f"127.0.0.1:{port}",
            )
        )
        (tmp_path / "site.conf").write_text(site, encoding="utf-8")
        # As root (CI containers) the workers would drop to "nobody", who cannot enter tmp_path.
        user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
        conf = tmp_path / "nginx.conf"
        conf.write_text(MAIN_CONF.format(user=user, tmp=tmp_path), encoding="utf-8")
        command = [NGINX, "-c", str(conf), "-p", str(tmp_path), "-e", str(tmp_path / "error.log")]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stderr
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        processes.append(proc)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None, (tmp_path / "error.log").read_text()
                time.sleep(0.05)
        return Nginx(
            url=f"http://127.0.0.1:{port}/",
            access_log=tmp_path / "access.log",
            error_log=tmp_path / "error.log",
            static_root=static_root,
        )

    yield start
    for proc in processes:
        proc.terminate()  # SIGTERM: fast shutdown of the master and its workers
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
