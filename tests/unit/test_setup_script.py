"""The set-up's system packages: installed when it can, else one line with the command to run."""

import os
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "install-system-packages.sh"


def _run_with(tmp_path: Path, tools: dict[str, str]) -> subprocess.CompletedProcess:
    """The script with a PATH holding only ``tools`` (name -> shell body) and bash itself."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in tools.items():
        tool = bin_dir / name
        tool.write_text(f"#!/bin/sh\n{body}\n")
        tool.chmod(0o755)
    bash = shutil.which("bash")
    return subprocess.run([bash, str(SCRIPT)], env={**os.environ, "PATH": str(bin_dir)},
                          capture_output=True, text=True, timeout=30)


def test_setup_script_does_nothing_when_the_browser_is_there(tmp_path):
    result = _run_with(tmp_path, {"chromium": "true", "chromedriver": "true"})
    assert (result.returncode, result.stderr) == (0, "")


def test_setup_script_without_apt_get_says_what_to_install(tmp_path):
    result = _run_with(tmp_path, {"id": "echo 0"})
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert "apt-get install chromium chromium-driver" in line


def test_setup_script_without_root_or_sudo_prints_the_command_and_stops(tmp_path):
    result = _run_with(tmp_path, {"id": "echo 1000", "apt-get": "exit 99"})
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert "not root and no sudo" in line and "apt-get install chromium chromium-driver" in line


def test_setup_script_as_root_installs_with_apt_get_and_says_so(tmp_path):
    log = tmp_path / "apt.log"
    result = _run_with(tmp_path, {"id": "echo 0", "apt-get": f'echo "$@" >> {log}'})
    assert result.returncode == 0
    assert "installing chromium and chromium-driver with apt-get" in result.stderr
    assert log.read_text().splitlines() == ["update -qq", "install -y -qq chromium chromium-driver"]
