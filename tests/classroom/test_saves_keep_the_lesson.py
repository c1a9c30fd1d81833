"""Saving writes what the window shows, in the order the saves were made, and keeps what
the lesson file said about itself (a review of issue 16's "nothing lost", 2026-12-01).

* A small save made while a large lesson was still being written on its thread
  finished first; the thread then replaced it with the older points, and the
  window said "saved" with nothing unsaved: a close would have deleted the autosave.
* Ctrl+S on a hand-written lesson replaced its title ("Admissions, week 3") with the
  file's name cut at its first dot ("week3" for week3.5.logitlab.json) and dropped
  its description; the autosave dropped the description too.
"""

from __future__ import annotations

import threading

import numpy as np

from core.lesson import Lesson, read_lesson, write_lesson


def test_a_save_made_during_a_big_background_save_is_the_one_on_disk(window, tmp_path,
                                                                     monkeypatch):
    from app import lesson_saving as files

    real_save_text = files.save_text
    big_written = threading.Event()

    def slow_for_the_big_one(path, text, **kw):
        if text.count("\n") > files.BACKGROUND_POINTS:  # the big lesson: one line a point
            threading.Timer(0.4, big_written.set).start()
            big_written.wait(10)
        return real_save_text(path, text, **kw)

    monkeypatch.setattr(files, "save_text", slow_for_the_big_one)
    c = window.controller
    m = files.BACKGROUND_POINTS + 100
    rng = np.random.default_rng(3)
    points = rng.normal(size=(m, 2))
    c.replace_points(points, (points[:, 0] > 0).astype(int), "big")
    path = tmp_path / "class.logitlab.json"
    assert window.files.save_to(path)  # started on its thread
    c.replace_points(points[:10], (points[:10, 0] > 0).astype(int), "ten")
    assert window.files.save_to(path)
    window.files.wait_for_save()
    assert len(read_lesson(path).points) == 10
    assert window.closing.unsaved() == []
    assert c.session.m == 10


def hand_written(tmp_path):
    rng = np.random.default_rng(5)
    points = rng.normal(size=(15, 2))
    path = tmp_path / "week3.5.logitlab.json"
    write_lesson(path, Lesson(points=points, labels=(points[:, 1] > 0).astype(int),
                              title="Admissions, week 3",
                              description="Exam 1 and exam 2 scores; y = admitted."))
    return path


def test_ctrl_s_keeps_the_lessons_own_title_and_description(window, tmp_path):
    path = hand_written(tmp_path)
    assert window.files.open_path(path)
    window.controller.add_point(0.5, 0.5, 1)
    assert window.files.save()
    saved = read_lesson(path)
    assert saved.title == "Admissions, week 3"
    assert saved.description == "Exam 1 and exam 2 scores; y = admitted."
    assert len(saved.points) == 16
    assert window.windowTitle().startswith("Admissions, week 3")


def test_save_as_names_the_new_lesson_after_its_file_and_keeps_the_description(window,
                                                                              tmp_path):
    assert window.files.open_path(hand_written(tmp_path))
    copy = tmp_path / "week3.6.logitlab.json"
    assert window.files.save_as(copy)
    saved = read_lesson(copy)
    assert saved.title == "week3.6"  # the name, not "week3"
    assert saved.description == "Exam 1 and exam 2 scores; y = admitted."
    assert window.windowTitle().startswith("week3.6")


def test_an_untitled_lesson_is_titled_with_its_whole_file_name(window, tmp_path):
    window.preset_menu.load_first()
    window.controller.add_point(0.5, 0.5, 1)
    path = tmp_path / "week3.5.logitlab.json"
    assert window.files.save_as(path)
    assert read_lesson(path).title == "week3.5"
    assert read_lesson(path).description == ""


def test_the_autosave_keeps_the_opened_lessons_description(window, tmp_path):
    assert window.files.open_path(hand_written(tmp_path))
    c = window.controller
    c.add_point(0.5, 0.5, 1)
    assert c.autosave.write_now()
    c.autosave.wait()
    assert read_lesson(c.autosave.path).description == "Exam 1 and exam 2 scores; y = admitted."


def test_exporting_points_never_proposes_the_teachers_own_table(window, tmp_path, monkeypatch):
    """Export ▸ Points as CSV proposed grades.csv itself after importing it: accepting Qt's
    "replace?" lost its other columns, label words and skipped rows."""
    from app.file_ui import Folders

    table = tmp_path / "grades.csv"
    table.write_text("x1,x2,y\n1,2,1\n3,1,0\n2,2,1\n", encoding="utf-8")
    assert window.files.open_path(table)
    proposed = []
    monkeypatch.setattr(Folders, "ask_save",
                        lambda self, caption, name, file_filter: proposed.append(name) or "")
    window.files.export_points_dialog()
    window.files.export_script_dialog()
    assert proposed == ["grades-points.csv", "grades.py"]


def test_a_big_scripts_points_never_replace_the_teachers_table(window, tmp_path):
    """Export ▸ NumPy script of more than 10,000 points wrote them to <name>.csv beside
    the script: admissions.py from admissions.csv replaced the teacher's own table (its
    other columns and label words) with three columns, unasked."""
    import runpy

    from core.numpy_script import EMBED_POINTS

    rng = np.random.default_rng(3)
    m = EMBED_POINTS + 500
    table = tmp_path / "admissions.csv"
    own = "student,exam1,exam2,admitted,comment\n" + "".join(
        f"s{i},{x:.3f},{y:.3f},{'yes' if x + y > 0 else 'no'},ok\n"
        for i, (x, y) in enumerate(rng.normal(size=(m, 2))))
    table.write_text(own, encoding="utf-8")
    c = window.controller
    c.replace_points(rng.normal(size=(m, 2)), (rng.random(m) > 0.5).astype(float), "data")
    script = tmp_path / "admissions.py"
    assert window.files.export_script_to(script)
    assert table.read_text(encoding="utf-8") == own, "the teacher's table was replaced"
    points = tmp_path / "admissions-points.csv"
    assert points.exists()
    assert "admissions-points.csv" in window.statusBar().currentMessage()
    # Exported again: the same points file, not a copy; other points: a new file.
    assert window.files.export_script_to(script)
    assert sorted(p.name for p in tmp_path.glob("admissions*")) == [
        "admissions-points.csv", "admissions.csv", "admissions.py"]
    c.add_point(0.1, 0.2, 1)
    assert window.files.export_script_to(script)
    assert (tmp_path / "admissions-points-2.csv").exists()
    assert points.read_text(encoding="utf-8").count("\n") == m + 1  # the first export kept
    assert "admissions-points-2.csv" in script.read_text(encoding="utf-8")
    runpy.run_path(str(script), run_name="not_main")  # the script finds its points
