"""collectstatic in production (chenbao/site/staticfiles.py): hashed names, CSS rewritten,
a vendored script's missing source map no obstacle."""

import json

from django.core.management import call_command


def test_collectstatic_hashes_names_and_tolerates_a_missing_source_map(settings, tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "vendor.min.js").write_text("var a=1;\n//# sourceMappingURL=vendor.min.js.map\n")
    (source / "look.css").write_text("body { background: url(dot.png); }\n")
    (source / "dot.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    settings.STATICFILES_DIRS = [str(source)]
    settings.STATIC_ROOT = str(tmp_path / "static")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "chenbao.site.staticfiles.HashedStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    paths = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    assert (
        paths["vendor.min.js"].startswith("vendor.min.")
        and paths["vendor.min.js"] != "vendor.min.js"
    )
    css = (tmp_path / "static" / paths["look.css"]).read_text()
    assert paths["dot.png"] in css
