"""The house's layers, read from the source (no database): core is the bottom floor and
imports no project app; areas imports core only among the floors below the apps (its
views may use the shared import page); figures, the one read API, imports areas and
core; the public pages, the reports and the quality checks read figures through the
registry and import no app (titles, members, funds); and no module imports one that
imports it back, lazily or not."""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("titles", "members", "funds")
SKIPPED = {"tests", "scripts", ".venv", "migrations", "node_modules"}


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for top in ("khuyenhoc", *APPS):
        for path in (ROOT / top).rglob("*.py"):
            if SKIPPED & set(path.relative_to(ROOT).parts):
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            is_package = parts[-1] == "__init__"
            found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def _imports(module: str, path: Path, is_package: bool) -> set[str]:
    """Every module named by an import of the file, at the top or inside a function."""
    named = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module
            named.add(target)
            named.update(f"{target}.{alias.name}" for alias in node.names)
    return named


MODULES = _modules()
IMPORTS = {name: _imports(name, *where) for name, where in MODULES.items()}


def _floor(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "khuyenhoc" and len(parts) > 1 else parts[0]


def _floors_imported(floor: str) -> set[str]:
    return {
        _floor(target)
        for module, targets in IMPORTS.items()
        if _floor(module) == floor and not module.endswith("admin")
        for target in targets
        if target.split(".")[0] in ("khuyenhoc", *APPS) and _floor(target) != floor
    }


def test_core_imports_no_project_app_and_the_read_api_only_areas_and_core():
    assert _floors_imported("khuyenhoc.core") <= {"khuyenhoc"}  # `khuyenhoc` alone: settings
    assert _floors_imported("khuyenhoc.figures") == {"khuyenhoc.areas", "khuyenhoc.core"}
    below_apps = {"khuyenhoc.core", "khuyenhoc.imports", "khuyenhoc.jobs", "khuyenhoc.submissions"}
    assert _floors_imported("khuyenhoc.areas") <= below_apps


READERS = ("khuyenhoc.areas", "khuyenhoc.figures", "khuyenhoc.public", "khuyenhoc.reports")


def _texts(module: str):
    """The string constants of a module, f-strings' parts included, docstrings left out."""
    tree = ast.parse(MODULES[module][0].read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if is_text and id(node) not in docstrings:
            yield node.value


def test_the_pages_reports_and_checks_import_no_app_and_spell_no_title_metric():
    for floor in (*READERS, "khuyenhoc.quality"):
        assert not _floors_imported(floor) & set(APPS), floor
        spelled = {
            (module, text)
            for module in MODULES
            if _floor(module) == floor
            for text in _texts(module)
            if text.startswith("titles.")
        }
        assert spelled == set()  # a title's metrics come from its registered indicator


def test_no_module_imports_a_module_that_imports_it_back():
    edges = defaultdict(set)
    for module, targets in IMPORTS.items():
        edges[module] = {t for t in targets if t in MODULES and t != module}
    # a package's __init__ re-exporting its own modules is not a circle: its modules are
    # imported through it, never the other way round
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in edges[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            circle = []
            while (member := stack.pop()) != module:
                on_stack.discard(member)
                circle.append(member)
            on_stack.discard(module)
            if circle:
                circles.append(sorted([module, *circle]))

    for module in list(MODULES):
        if module not in index:
            visit(module)
    assert circles == []
