"""The nginx site of a deployment, rendered from the settings (``gongkai deploy nginx``).

nginx refuses request bodies above ``client_max_body_size`` before reading them; the app refuses
uploads above ``GONGKAI_MAX_UPLOAD_BYTES``. The two must agree, so the site is rendered from the
settings, never written by hand, with :func:`gongkai.kernel.uploads.request_body_limit` — the
rule Django's upload handler applies too.
``deploy/nginx/gongkai.conf`` is this rendering with the default settings (a test keeps it so).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from gongkai.kernel.uploads import request_body_limit

__all__ = ["NginxSite", "render_nginx_site", "request_body_limit"]

TEMPLATE = "deploy_templates/nginx-site.conf"


@dataclass(frozen=True)
class NginxSite:
    """What a site needs besides the settings: names, addresses, paths."""

    server_name: str
    upstreams: Sequence[str]
    static_root: Path
    max_upload_bytes: int
    max_fields_bytes: int
    #: With both, the site serves HTTPS on 443 (HTTP on 80 redirects); without, plain HTTP.
    tls_cert: Path | None = None
    tls_key: Path | None = None
    #: The plain-HTTP listen directive (``80``, ``127.0.0.1:8080``) when there is no TLS.
    listen: str = "80"


def render_nginx_site(site: NginxSite) -> str:
    """The text of the nginx site (a ``server`` block and its upstream, for ``sites-enabled``)."""
    from django.template import Context, Engine

    from gongkai.kernel.forms import human_size

    if (site.tls_cert is None) != (site.tls_key is None):
        raise ValueError("TLS 需要同时给出证书和私钥。")
    if not site.upstreams:
        raise ValueError("至少需要一个应用服务器地址（upstream）。")
    text = files("gongkai.web").joinpath(TEMPLATE).read_text(encoding="utf-8")
    template = Engine(autoescape=False).from_string(text)
    return template.render(
        Context(
            {
                "server_name": site.server_name,
                "upstreams": list(site.upstreams),
                "static_root": str(site.static_root).rstrip("/"),
                "max_upload": site.max_upload_bytes,
                "max_fields": site.max_fields_bytes,
                "max_upload_human": human_size(site.max_upload_bytes),
                "max_body": request_body_limit(site.max_upload_bytes, site.max_fields_bytes),
                "tls": site.tls_cert is not None,
                "tls_cert": site.tls_cert,
                "tls_key": site.tls_key,
                "listen": site.listen,
            }
        )
    )
