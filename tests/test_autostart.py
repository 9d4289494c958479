from __future__ import annotations

import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from calmedi_desktop import autostart
from calmedi_desktop.autostart import Autostart, desktop_exec


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG autostart is the Linux mechanism")
def test_enable_writes_a_valid_private_desktop_file_and_disable_removes_it(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(autostart, "start_command", lambda: ["/opt/Cal Medi/python", "-m", "calmedi_desktop"])
    shared = isolated_home / ".config" / "autostart"
    shared.mkdir(parents=True, mode=0o755)
    shared.chmod(0o755)
    entry = Autostart()
    assert not entry.enabled
    entry.enable()
    path = shared / "io.calmedi.Desktop.desktop"
    assert entry.enabled and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755  # a folder shared with other programs is left as it was
    assert 'Exec="/opt/Cal Medi/python" -m calmedi_desktop' in path.read_text()
    validator = shutil.which("desktop-file-validate")
    assert validator, "desktop-file-validate is missing: scripts/bootstrap installs desktop-file-utils"
    checked = subprocess.run([validator, str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    entry.disable()
    assert not path.exists() and not entry.enabled


def test_exec_quoting_follows_the_desktop_entry_spec() -> None:
    assert desktop_exec(["/usr/bin/python3", "-m", "calmedi_desktop"]) == "/usr/bin/python3 -m calmedi_desktop"
    assert desktop_exec(["/a b/c"]) == '"/a b/c"'
    assert desktop_exec(['/x$y"z']) == '"/x\\\\$y\\\\"z"'
    assert desktop_exec(["/100%/c"]) == "/100%%/c"
