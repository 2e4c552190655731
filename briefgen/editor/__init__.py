"""What a story shows, as an editor decides it: which sentences may stand as lines (`fitness`), the
lede that goes first, the story's headline, and each outlet's own lead. Pure judgements on text,
called by summarize (candidates) and consensus (lines)."""

from .fitness import (
    article_line_faults,
    dangling_opening,
    may_show,
    refers_back,
    stands_alone_fault,
)
from .headline import choose_headline
from .lede import lede_order
from .outlet_leads import outlet_leads

__all__ = ["article_line_faults", "choose_headline", "dangling_opening", "lede_order", "may_show", "outlet_leads", "refers_back", "stands_alone_fault"]
