"""Dates now live in `briefgen.provenance.dates`; `iso_date` stays importable here."""

from ..provenance.dates import iso_date

__all__ = ["iso_date"]
