"""Where each screen's stylesheet lives. A screen loads its own .tcss when first shown, so
start-up parses only the Home screen's rules."""

from pathlib import Path, PurePath

STYLES = Path(__file__).parent / "styles"


def css(*names: str) -> list[str | PurePath]:
    return [STYLES / f"{name}.tcss" for name in names]
