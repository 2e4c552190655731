"""The run's options: one frozen `BriefingConfig` passed to every stage, and the `briefgen.toml`
file the command line reads them from."""

from .file import ConfigFileError, find_config, read_options
from .options import ALGORITHMS, TITLE_ENCODERS, BriefingConfig

__all__ = ["ALGORITHMS", "TITLE_ENCODERS", "BriefingConfig", "ConfigFileError", "find_config", "read_options"]
