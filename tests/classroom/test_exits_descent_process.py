"""Real processes: ending LogitLab leaves no process behind.

* ``python -m app`` itself (no driver: the module the desktop entry's script
  runs), with a lesson opened, ends cleanly on SIGTERM: status 128 + the
  signal, no traceback, nothing unsaved so nothing left to offer;
* flat out, descent runs in a process of its own: however the app ends
  (SIGKILL, SIGTERM, Ctrl+C), that process ends too.

The app runs in a child process as in ``test_exits.py`` (``exit_apps.py``;
the fixtures ``env``, ``folder`` and ``apps``: ``conftest.py``).
"""

from __future__ import annotations

import signal
import time

import pytest

from app import autosave

from .exit_apps import clean_stderr, edited_app, files_in, gone, lesson_file, start, stepper_pid

pytestmark = pytest.mark.timeout(240)


# -- python -m app -------------------------------------------------------------------------


def test_python_m_app_ends_cleanly_on_sigterm(apps, env, folder, tmp_path):
    """No driver: the module the desktop entry's script runs, an opened lesson, SIGTERM."""
    path = lesson_file(tmp_path)
    app = start(apps, env, path, driver=False)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(folder.glob("session-*.lock")):
        assert app.proc.poll() is None, app.stderr
        time.sleep(0.05)
    time.sleep(0.3)
    app.proc.send_signal(signal.SIGTERM)
    assert app.exit_status() == 128 + signal.SIGTERM
    text = clean_stderr(app)
    assert "logitlab: SIGTERM: closing; nothing was unsaved" in text
    assert autosave.orphans(folder) == []
    assert files_in(folder) == [], "nothing unsaved: nothing to offer, nothing left"


# -- the descent process -------------------------------------------------------------------


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM", "SIGINT"])
def test_the_descent_process_never_outlives_the_app(apps, env, folder, how):
    """Flat out, descent runs in a process of its own: however the app ends (even
    killed outright), that process ends too, and Ctrl+C is the app's to answer."""
    app, _ = edited_app(apps, env)
    app.send("flatout")
    pid = stepper_pid(app)
    app.proc.send_signal(getattr(signal, how))
    status = app.exit_status()
    assert status == (-signal.SIGKILL if how == "SIGKILL" else 128 + getattr(signal, how))
    assert gone(pid), "the descent process was left running"
    if how != "SIGKILL":
        clean_stderr(app)
