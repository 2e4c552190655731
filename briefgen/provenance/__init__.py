"""Provenance: who wrote an article, where the copy was found, its title and when it was published.

Every reader (HTML, plain text, JSON, feeds, fetched pages) hands what it found to `provenance` (in
`briefgen.provenance.entry`), which decides the outlet, the host, the title, the publication date and
the author by one set of rules; nothing else in briefgen decides these. The parts:

- `registry`: the outlet registry — names, aliases, domains, and what each outlet is;
- `credits`: the credit lines a text carries ("Source: …", "(AP) —", "By Reuters", "© … AP") and
  the attribution rule (a credit naming another outlet outranks the site);
- `sites`: a site's identity — its registrable domain, its own name cleaned, one name per site across
  a batch;
- `titles`: one cleaner for titles and outlet names (site suffixes, section labels, "Read the
  original article");
- `dates`: the order of evidence for a publication date;
- `page_credits` and `page`: what an HTML page says about itself outside its main text.
"""

from .dates import PageDate, iso_date
from .registry import (
    KINDS,
    UNKNOWN,
    OutletRegistry,
    RegistryError,
    country_of_domain,
    domain_of,
)
from .sites import (
    apply_renames,
    one_outlet_per_site,
    outlet_renames,
    registrable_domain,
    site_facts,
)

__all__ = [
    "KINDS",
    "UNKNOWN",
    "OutletRegistry",
    "PageDate",
    "RegistryError",
    "apply_renames",
    "country_of_domain",
    "domain_of",
    "iso_date",
    "one_outlet_per_site",
    "outlet_renames",
    "registrable_domain",
    "site_facts",
]
