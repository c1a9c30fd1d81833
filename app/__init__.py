"""LogitLab's Qt side: ``create_main_window()`` builds the whole app."""


def create_main_window(session=None):
    """Return the main window, wired to its controller (``window.controller``).

    A QApplication must exist; no event loop is started.
    """
    from .assemble import assemble

    return assemble(session)
