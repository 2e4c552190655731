"""Credit lines now live in `briefgen.provenance.credits`; these names stay importable here."""

from .provenance.credits import Credit, attribute, byline, copyright_holder, credit_from_lines, organisation, read_credit

__all__ = ["Credit", "attribute", "byline", "copyright_holder", "credit_from_lines", "organisation", "read_credit"]
