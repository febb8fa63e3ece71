"""`chenbao deploy-config OUT`: the nginx site and systemd units of deploy/, filled in."""

import io
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_deploy_config_fills_every_file(tmp_path, settings):
    call_command("deploy_config", str(tmp_path), "--listen", "8080", stdout=io.StringIO())
    nginx = (tmp_path / "nginx/chenbao.conf").read_text()
    assert "listen 8080;" in nginx
    assert f"alias {settings.STATIC_ROOT}/;" in nginx
    for unit in (tmp_path / "systemd").iterdir():
        text = unit.read_text()
        assert "{{" not in text, unit.name
        if unit.suffix == ".service":
            assert f"WorkingDirectory={settings.BASE_DIR}" in text, unit.name


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is missing")
def test_systemd_units_pass_systemd_analyze(tmp_path):
    call_command("deploy_config", str(tmp_path), stdout=io.StringIO())
    units = sorted(str(p) for p in (tmp_path / "systemd").iterdir())
    done = subprocess.run(["systemd-analyze", "verify", *units], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr


def test_a_value_that_would_add_directives_is_a_command_error_and_writes_nothing(tmp_path):
    with pytest.raises(CommandError, match="SERVER_NAME"):
        call_command(
            "deploy_config", str(tmp_path), "--server-name", "a; include x", stdout=io.StringIO()
        )
    assert not (tmp_path / "nginx/chenbao.conf").exists()


def test_the_command_prints_each_file_it_wrote(tmp_path):
    out = io.StringIO()
    call_command("deploy_config", str(tmp_path), "--server-name", "paper.example", stdout=out)
    written = out.getvalue().split()
    assert str(tmp_path / "nginx/chenbao.conf") in written and len(written) == 6
    assert "server_name paper.example" in (tmp_path / "nginx/chenbao.conf").read_text()
