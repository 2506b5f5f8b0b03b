"""A GUI renderer for tests (a module name of its own: `conftest` is ambiguous
when several test folders run in one process)."""


class Recorder:
    """A renderer that keeps every message."""

    def __init__(self):
        self.messages = []

    def send(self, msg):
        self.messages.append(msg)

    def ops(self, op):
        return [m for m in self.messages if m.get("op") == op]
