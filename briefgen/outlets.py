"""The outlet registry and attribution now live in `briefgen.provenance`; these names stay importable here."""

from .provenance.credits import attribute, credit_from_lines, names_domain, same_outlet
from .provenance.registry import (
    FACT_KEYS,
    KINDS,
    NAMING_KEYS,
    UNKNOWN,
    OutletRegistry,
    RegistryError,
    country_of_domain,
    domain_of,
)

__all__ = [
    "FACT_KEYS", "KINDS", "NAMING_KEYS", "UNKNOWN", "OutletRegistry", "RegistryError", "attribute",
    "country_of_domain", "credit_from_lines", "domain_of", "names_domain", "same_outlet",
]
