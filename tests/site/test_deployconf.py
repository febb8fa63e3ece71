"""deploy/'s templates filled in with a machine's values, refusing what would break them."""

import pytest

from chenbao.site.deployconf import FILES, MissingValue, render, render_tree


def test_render_fills_every_value_and_refuses_a_missing_one():
    assert render("listen {{ LISTEN }};", {"LISTEN": "80"}) == "listen 80;"
    with pytest.raises(MissingValue, match="LISTEN"):
        render("listen {{ LISTEN }};", {})


def test_render_refuses_a_value_that_would_add_nginx_directives():
    with pytest.raises(ValueError):
        render("server_name {{ NAME }};", {"NAME": "a; include /etc/passwd"})


def test_render_accepts_spaces_inside_the_braces_and_leaves_other_braces_alone():
    text = "root {{ROOT}}; alias {{  ROOT  }}/static/; location / { }"
    assert render(text, {"ROOT": "/srv/chenbao"}) == (
        "root /srv/chenbao; alias /srv/chenbao/static/; location / { }"
    )


def test_render_names_every_missing_value_once_in_order():
    with pytest.raises(MissingValue, match="^no value for A, B$"):
        render("{{ B }} {{ A }} {{ B }}", {})


@pytest.mark.parametrize("bad", ["a\nb", "a;b", "a{b"])
def test_render_refuses_newlines_semicolons_and_braces_in_any_value(bad):
    with pytest.raises(ValueError, match="NAME"):
        render("x", {"NAME": bad})


def test_render_tree_writes_every_file_filled_in_under_the_output(tmp_path):
    deploy, out = tmp_path / "deploy", tmp_path / "out"
    for source in FILES:
        (deploy / source).parent.mkdir(parents=True, exist_ok=True)
        (deploy / source).write_text(f"# {source}\nroot {{{{ ROOT }}}};\n")
    written = render_tree(deploy, out, {"ROOT": "/srv/chenbao"})
    assert written == [out / target for target in FILES.values()]
    for source, target in FILES.items():
        assert (out / target).read_text() == f"# {source}\nroot /srv/chenbao;\n"


def test_render_tree_stops_at_a_template_naming_an_unknown_value(tmp_path):
    for source in FILES:
        (tmp_path / source).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / source).write_text("{{ TYPO }}")
    with pytest.raises(MissingValue, match="TYPO"):
        render_tree(tmp_path, tmp_path / "out", {})
