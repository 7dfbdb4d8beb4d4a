"""``gongkai deploy nginx``: the nginx site of this machine, rendered from its settings.

``client_max_body_size`` follows ``GONGKAI_MAX_UPLOAD_BYTES``
(:func:`gongkai.kernel.uploads.request_body_limit`) and the static files are served from
``STATIC_ROOT``; run the command with the environment of the app servers
(``/etc/gongkai/gongkai.env``) and again whenever the upload limit changes
(``docs/deployment.md``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gongkai.cli.common import fail, setup, write_file

__all__ = ["deploy_app"]

deploy_app = typer.Typer(help="部署：生成前端服务器（nginx）配置。", no_args_is_help=True)


@deploy_app.command("nginx")
def nginx_command(
    server_name: Annotated[
        str, typer.Option("--server-name", help="网站域名，如 gongkai.example.gov.cn")
    ],
    upstream: Annotated[
        list[str] | None,
        typer.Option("--upstream", help="应用服务器地址（可多次给出），默认 127.0.0.1:8000"),
    ] = None,
    tls_cert: Annotated[
        Path | None, typer.Option("--tls-cert", help="TLS 证书（含中间证书）文件")
    ] = None,
    tls_key: Annotated[Path | None, typer.Option("--tls-key", help="TLS 私钥文件")] = None,
    listen: Annotated[str, typer.Option("--listen", help="不用 TLS 时的监听地址或端口")] = "80",
    to: Annotated[Path | None, typer.Option("-o", "--to", help="输出文件（默认标准输出）")] = None,
) -> None:
    """按本机设置（上传大小上限、静态文件目录）生成 nginx 站点配置。"""
    if (tls_cert is None) != (tls_key is None):
        raise fail("--tls-cert 和 --tls-key 须同时给出（或都不给，只用 HTTP）")
    setup()
    from django.conf import settings

    from gongkai.web.deploy import NginxSite, render_nginx_site

    text = render_nginx_site(
        NginxSite(
            server_name=server_name,
            upstreams=upstream or ["127.0.0.1:8000"],
            static_root=Path(settings.STATIC_ROOT),
            max_upload_bytes=int(settings.GONGKAI_MAX_UPLOAD_BYTES),
            max_fields_bytes=int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
            tls_cert=tls_cert,
            tls_key=tls_key,
            listen=listen,
        )
    )
    if to is None:
        typer.echo(text, nl=False)
    else:
        write_file(to, text.encode("utf-8"), "nginx 配置 ")
