"""The house rule that tests mirror the code (docs/architecture.md): every module of
`chenbao/<app>/` with logic has `tests/<app>/…/test_<module>.py`. A new module without one
fails here; a module that needs none is named below with the reason."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Files that hold no logic of their own, whatever the app.
NO_LOGIC = {"__init__.py", "apps.py", "urls.py"}
# Modules without a mirror file, and why.
EXEMPT = {
    "archive/demo.py": "loads the reference page for the demo; run by tests/figures/test_demo.py",
    "weather/demo.py": "demo forecasts; run by tests/core/test_demo.py and tests/ads/test_demo.py",
    "core/blocks.py": "StreamField block declarations; rendered by the stories' tests",
    "core/fields.py": "two foreign-key field factories",
    "site/models.py": "the HomePage model, declarations only",
}


def unmirrored() -> list[str]:
    missing = []
    for module in sorted((ROOT / "chenbao").glob("*/**/*.py")):
        relative = module.relative_to(ROOT / "chenbao")
        app = relative.parts[0]
        if (
            app == "settings"
            or "migrations" in relative.parts
            or module.name in NO_LOGIC
            or relative.as_posix() in EXEMPT
        ):
            continue
        if not any((ROOT / "tests" / app).rglob(f"test_{module.stem}.py")):
            missing.append(relative.as_posix())
    return missing


def test_every_module_with_logic_has_its_test_file():
    assert unmirrored() == []


def test_every_exemption_still_names_a_module():
    assert [m for m in EXEMPT if not (ROOT / "chenbao" / m).exists()] == []
