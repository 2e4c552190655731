"""Build options from a TOML file, so a daily job keeps its options in one reviewed file.

`briefgen build --config FILE` reads FILE; without `--config`, a `briefgen.toml` in the working
folder is read when there is one. The file's `[build]` table takes the same options as the command
line, named as the long flags without their dashes (`min-sources = 3`, `show-single-source = true`,
`feed = ["https://…"]`, `paths = ["articles/"]`). A flag given on the command line overrides the file.
Paths in the file are relative to the file's own folder, so a cron job can run from anywhere.
An unknown key, or a value of the wrong kind, is an error naming the file and the key: a misspelt
option silently ignored would be a briefing built with other options than the user wrote.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import tomllib

DEFAULT_NAME = "briefgen.toml"


class ConfigFileError(ValueError):
    """The file cannot be used: unreadable, not TOML, an unknown key or a value of the wrong kind."""


def find_config(given: Path | None, cwd: Path | None = None) -> Path | None:
    """The file to read: the one given, else `briefgen.toml` in the working folder when it exists."""
    if given is not None:
        return given
    default = (cwd or Path.cwd()) / DEFAULT_NAME
    return default if default.is_file() else None


def read_options(path: Path, command: argparse.ArgumentParser) -> dict[str, object]:
    """The file's `[build]` options as `command`'s parsed values (argparse dest → value)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigFileError(f"{path}: cannot be read ({err})") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigFileError(f"{path}: not valid TOML ({err})") from None
    unknown_tables = sorted(set(data) - {"build"})
    if unknown_tables:
        raise ConfigFileError(f"{path}: unknown key(s) {', '.join(unknown_tables)}; options go under [build]")
    table = data.get("build", {})
    if not isinstance(table, dict):
        raise ConfigFileError(f"{path}: [build] must be a table of options")

    actions = {_key(a): a for a in command._actions if _key(a) not in ("help", "config")}
    unknown = sorted(set(table) - set(actions))
    if unknown:
        raise ConfigFileError(
            f"{path}: unknown option(s) {', '.join(unknown)} under [build]; known: {', '.join(sorted(actions))}"
        )
    return {actions[key].dest: _value(path, key, value, actions[key]) for key, value in sorted(table.items())}


def _key(action: argparse.Action) -> str:
    """An option's name in the file: its long flag without dashes, or a positional's own name."""
    longs = [s for s in action.option_strings if s.startswith("--")]
    return longs[0][2:] if longs else action.dest


def _value(path: Path, key: str, value: object, action: argparse.Action) -> object:
    """`value` as the command line would have parsed it, or a ConfigFileError saying what is wrong."""
    def wrong(expected: str) -> ConfigFileError:
        return ConfigFileError(f"{path}: {key} must be {expected}, not {value!r}")

    if isinstance(action, argparse._StoreTrueAction):
        if not isinstance(value, bool):
            raise wrong("true or false")
        return value
    if isinstance(action, argparse._AppendAction) or action.nargs in ("*", "+"):
        if not isinstance(value, list):
            raise wrong("a list")
        return [_one(path, key, item, action, wrong) for item in value]
    return _one(path, key, value, action, wrong)


def _one(path: Path, key: str, value: object, action: argparse.Action, wrong) -> object:
    if isinstance(value, (dict, list)) or isinstance(value, bool):
        raise wrong("a single value")
    text = value.isoformat() if isinstance(value, date) else str(value)
    if action.type is Path or key == "paths":
        return path.parent / Path(text).expanduser()
    try:
        parsed = action.type(text) if callable(action.type) else text
    except (argparse.ArgumentTypeError, ValueError) as err:
        raise ConfigFileError(f"{path}: {key}: {err}") from None
    if action.choices is not None and parsed not in action.choices:
        raise ConfigFileError(f"{path}: {key} must be one of {', '.join(map(str, action.choices))}, not {value!r}")
    return parsed
