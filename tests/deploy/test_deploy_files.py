"""The files of ``deploy/``: the nginx example is the rendering of the defaults and nginx
accepts it (TLS included), the nginx limit follows the upload setting, and the systemd units
run commands the CLI has."""

from __future__ import annotations

import configparser
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from gongkai.cli.main import app
from gongkai.kernel.uploads import request_body_limit
from gongkai.web.deploy import NginxSite, render_nginx_site
from shared_files import REPO_ROOT

DEPLOY = REPO_ROOT / "deploy"
README = REPO_ROOT / "README.md"
MB = 1024 * 1024

#: What deploy/nginx/gongkai.conf was rendered with: `gongkai deploy nginx --server-name
#: gongkai.example.gov.cn --tls-cert … --tls-key …` on a machine with the default settings.
EXAMPLE = NginxSite(
    server_name="gongkai.example.gov.cn",
    upstreams=["127.0.0.1:8000"],
    static_root=Path("/var/lib/gongkai/static"),
    max_upload_bytes=5 * MB,
    max_fields_bytes=2 * MB,
    tls_cert=Path("/etc/ssl/gongkai/fullchain.pem"),
    tls_key=Path("/etc/ssl/gongkai/privkey.pem"),
)


def test_the_shipped_nginx_site_is_the_rendering_of_the_defaults() -> None:
    assert (DEPLOY / "nginx" / "gongkai.conf").read_text(encoding="utf-8") == render_nginx_site(
        EXAMPLE
    )


def test_nginx_accepts_the_tls_site(tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=gongkai.example.gov.cn", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    site = NginxSite(**{**EXAMPLE.__dict__, "tls_cert": cert, "tls_key": key})
    (tmp_path / "site.conf").write_text(render_nginx_site(site), encoding="utf-8")
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{\n"
        f"    client_body_temp_path {tmp_path}/body;\n    proxy_temp_path {tmp_path}/proxy;\n"
        f"    include {tmp_path}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        ["/usr/sbin/nginx", "-t", "-c", str(conf), "-p", str(tmp_path), "-e", "/dev/stderr"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_the_nginx_limit_follows_the_upload_setting(settings: Any) -> None:
    settings.GONGKAI_MAX_UPLOAD_BYTES = 1 * MB
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * MB
    result = CliRunner().invoke(
        app, ["deploy", "nginx", "--server-name", "gongkai.example.gov.cn", "--listen", "8080"]
    )
    assert result.exit_code == 0, result.output
    assert f"client_max_body_size {request_body_limit(1 * MB, 2 * MB)};" in result.output
    assert request_body_limit(1 * MB, 2 * MB) == 3 * MB
    assert "上传的文件不能超过 1 MB" in result.output
    assert "listen 8080;" in result.output and "ssl" not in result.output
    assert f"alias {settings.STATIC_ROOT}/;" in result.output


def test_tls_needs_both_the_certificate_and_the_key() -> None:
    result = CliRunner().invoke(
        app, ["deploy", "nginx", "--server-name", "x.example.org", "--tls-cert", "/tmp/c.pem"]
    )
    assert result.exit_code == 2
    assert "--tls-cert 和 --tls-key 须同时给出" in result.output


def _exec_start(unit: str) -> list[str]:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DEPLOY / "systemd" / unit, encoding="utf-8")
    return shlex.split(parser["Service"]["ExecStart"])


def test_the_systemd_units_run_commands_the_cli_has() -> None:
    root = typer.main.get_command(app)
    for unit, command in [
        ("gongkai.service", "serve"),
        ("gongkai-daily.service", "daily"),
        ("gongkai-notifications.service", "notifications"),
        ("gongkai-worker.service", "worker"),
    ]:
        words = _exec_start(unit)
        assert words[0] == "/opt/gongkai/venv/bin/gongkai"
        assert words[1] == command
        context = root.make_context("gongkai", words[1:], resilient_parsing=True)
        _name, sub, rest = root.resolve_command(context, words[1:])
        assert sub is not None
        sub.make_context(command, rest)  # raises on an unknown option or a bad value
    timer = configparser.ConfigParser(interpolation=None)
    timer.read(DEPLOY / "systemd" / "gongkai-daily.timer", encoding="utf-8")
    assert timer["Timer"]["Persistent"] == "true"


def test_the_worker_unit_stops_gracefully_and_serve_leaves_it_the_jobs() -> None:
    """SIGTERM to the worker alone (it finishes its task; its reader processes are not killed
    under it), time to finish; the app server starts no second worker beside it."""
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.read(DEPLOY / "systemd" / "gongkai-worker.service", encoding="utf-8")
    service = parser["Service"]
    assert (service["KillMode"], service["Restart"]) == ("mixed", "on-failure")
    assert int(service["TimeoutStopSec"].removesuffix("s")) >= 60
    assert "KillSignal" not in service  # SIGTERM: the worker's graceful stop
    assert _exec_start("gongkai-worker.service")[2:] == ["--queue", "default,notifications"]
    assert _exec_start("gongkai.service")[-1] == "--no-worker"


def test_check_deploy_warns_only_what_the_readme_explains(tmp_path: Path) -> None:
    """``check --deploy`` with HTTPS on: each remaining warning is explained in the README."""
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO_ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "gongkai.web.settings",
        "GONGKAI_VAR_DIR": str(tmp_path),
        "GONGKAI_SECRET_KEY": "k" * 20 + "-deploy-check-" + "q" * 40,
        "GONGKAI_HTTPS": "true",
        "GONGKAI_BEHIND_PROXY": "true",
        "GONGKAI_ALLOWED_HOSTS": "gongkai.example.gov.cn",
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    warnings = set(re.findall(r"\((security\.W\d+)\)", result.stdout + result.stderr))
    production = README.read_text(encoding="utf-8").split("\n## Production\n", 1)[1]
    assert warnings == {"security.W005", "security.W021"}  # HSTS subdomains and preload
    assert all(f"`{warning}`" in production for warning in warnings)
