"""What briefgen knows of languages: which one an article is written in, and how that language's
sentences, words, stop words, stems and names are read. Every stage that handles words or sentences
asks here with the article's language (an ISO 639-1 code, `Article.language`)."""

from .codes import CJK, DEFAULT_LANGUAGE, declared_code, language_code, language_display_name, language_name
from .detect import detect_language
from .names import is_glue_word, lone_capital_is_name
from .sentences import split_paragraph
from .words import content_terms, stem, stop_words, tokens

__all__ = [
    "CJK",
    "DEFAULT_LANGUAGE",
    "content_terms",
    "declared_code",
    "detect_language",
    "is_glue_word",
    "language_code",
    "language_display_name",
    "language_name",
    "lone_capital_is_name",
    "split_paragraph",
    "stem",
    "stop_words",
    "tokens",
]
