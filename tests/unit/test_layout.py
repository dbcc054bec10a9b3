"""The package tree reads like the data flow: a small public face, short files, no import circle."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "extractor"
MAX_TOP_LEVEL_MODULES = 8
MAX_FILE_LINES = 700


def _subpackage(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else None


def _imported_subpackages(path: Path) -> set[str]:
    """The subpackages of ``extractor`` a module imports, by relative or absolute import."""
    depth = len(path.relative_to(PACKAGE).parts) - 1
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = list(path.relative_to(PACKAGE).parts[:-1])
                base = parts[: len(parts) - (node.level - 1)] if node.level - 1 <= depth else []
                target = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.startswith("extractor."):
                target = node.module.split(".")[1:]
            else:
                continue
            names = [target[0]] if target else [alias.name for alias in node.names]
            found.update(name for name in names if (PACKAGE / name).is_dir())
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("extractor."):
                    found.add(alias.name.split(".")[1])
    return found


def test_layout_top_level_holds_only_the_public_face():
    modules = [p.name for p in PACKAGE.glob("*.py")]
    assert len(modules) <= MAX_TOP_LEVEL_MODULES, sorted(modules)


def test_layout_no_file_is_over_700_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES}
    assert long == {}


def test_layout_no_import_circle_between_subpackages():
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        here = _subpackage(path)
        if here is not None:
            graph.setdefault(here, set()).update(_imported_subpackages(path) - {here})

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for step in graph.get(start, ()):
            if step == goal or (step not in seen and reaches(step, goal, seen | {step})):
                return True
        return False

    circles = sorted(name for name in graph if reaches(name, name, {name}))
    assert circles == [], {name: sorted(graph[name]) for name in circles}


def test_layout_the_import_reader_sees_imports():
    # The circle test above must be able to fail: the reader finds the stages a module imports.
    assert "text" in _imported_subpackages(PACKAGE / "structure" / "blocks.py")
    assert "structure" in _imported_subpackages(PACKAGE / "stats" / "breakdowns.py")
