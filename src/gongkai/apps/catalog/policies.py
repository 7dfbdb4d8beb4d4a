"""Permission policies of the catalog: nodes, items and attachments allow what their body
allows (an attachment through its item)."""

from __future__ import annotations

from gongkai.apps.catalog.models import (
    CatalogAttachment,
    CatalogItem,
    CatalogNode,
    Interpretation,
)
from gongkai.apps.orgs.policies import BodyScopedPolicy

__all__ = ["attachment_policy", "interpretation_policy", "item_policy", "node_policy"]

node_policy: BodyScopedPolicy[CatalogNode] = BodyScopedPolicy(CatalogNode)
item_policy: BodyScopedPolicy[CatalogItem] = BodyScopedPolicy(CatalogItem)
attachment_policy: BodyScopedPolicy[CatalogAttachment] = BodyScopedPolicy(
    CatalogAttachment, "item__body"
)
interpretation_policy: BodyScopedPolicy[Interpretation] = BodyScopedPolicy(Interpretation)
