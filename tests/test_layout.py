"""The house plan (ARCHITECTURE.md): the core in rooms, imports between them one way, modules a reader can hold."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "spark_game"
CORE = PACKAGE / "core"
# A room may import only the rooms before it. keeping and session both stand on pair and neither needs the other.
ROOM_RANKS = {"files": 0, "decks": 1, "play": 2, "saves": 3, "pair": 4, "keeping": 5, "session": 5, "hands": 6}
MODULE_LINE_LIMIT = 400


def imported_modules(source: str, module: str) -> set[str]:
    """The spark_game modules one module's source imports, relative imports resolved."""
    package = module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            found.add(".".join(base + (node.module.split(".") if node.module else [])))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] == "spark_game"}


def room_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if parts[:2] == ["spark_game", "core"] and len(parts) > 2 else None


def wrong_way_imports(module: str, source: str) -> list[str]:
    """Each import of `module` that leaves the core, or runs to a room not before its own."""
    room = room_of(module)
    problems = []
    for target in sorted(imported_modules(source, module)):
        target_room = room_of(target)
        if target_room is None:
            problems.append(f"{module} imports {target}, outside the core")
        elif target_room != room and ROOM_RANKS.get(target_room, 99) >= ROOM_RANKS.get(room or "", -1):
            problems.append(f"{module} ({room}) imports {target} ({target_room})")
    return problems


def core_modules() -> list[tuple[str, Path]]:
    return [
        (".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts), path)
        for path in sorted(CORE.rglob("*.py"))
        if path.relative_to(CORE).parts[0] != "__init__.py"
    ]


def test_the_core_top_level_holds_only_rooms():
    loose = sorted(path.name for path in CORE.glob("*.py") if path.name != "__init__.py")
    rooms = sorted(path.name for path in CORE.iterdir() if (path / "__init__.py").exists())
    assert loose == []
    assert rooms == sorted(ROOM_RANKS), "a new room needs its place in ROOM_RANKS and in ARCHITECTURE.md"


def test_the_rooms_of_the_core_import_one_way():
    problems = [problem for module, path in core_modules() for problem in wrong_way_imports(module, path.read_text())]
    assert problems == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("spark_game.core.decks.model", "from ..play import Round"),  # back up to a later room
        ("spark_game.core.keeping.keepsake", "from ..session.play_session import PlaySession"),  # a sibling room
        ("spark_game.core.files.atomic", "import spark_game.ui.app"),  # out of the core
        ("spark_game.core.pair.story", "from spark_game.paths import Home"),
    ],
)
def test_a_wrong_way_import_is_found(module, source):
    assert wrong_way_imports(module, source) != []


def test_a_room_may_import_the_rooms_before_it():
    assert wrong_way_imports("spark_game.core.pair.story", "from ..saves import list_saves\nfrom . import ritual") == []


def test_no_module_is_longer_than_a_reader_can_hold():
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text().splitlines())) > MODULE_LINE_LIMIT
    }
    assert long == {}
