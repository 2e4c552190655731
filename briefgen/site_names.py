"""A site's identity now lives in `briefgen.provenance.sites`; these names stay importable here."""

from .provenance.sites import (
    apply_renames,
    clean_site_name,
    compact,
    name_groups,
    names_site,
    one_outlet_per_site,
    outlet_renames,
    registrable_domain,
    site_facts,
)

__all__ = [
    "apply_renames", "clean_site_name", "compact", "name_groups", "names_site", "one_outlet_per_site",
    "outlet_renames", "registrable_domain", "site_facts",
]
