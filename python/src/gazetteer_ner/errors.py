"""The exception raised for bad gazetteer data."""

from typing import Optional


class GazetteerError(ValueError):
    """Gazetteer data that cannot be used: a malformed line, invalid UTF-8,
    an unusable entry.

    ``path`` names the gazetteer file (or ``None`` for an entry given in
    code) and ``line`` is the 1-based line number where the error has one.
    A gazetteer file that cannot be read raises ``OSError`` instead.
    """

    def __init__(self, message: str, path: Optional[str] = None, line: Optional[int] = None):
        super().__init__(message)
        self.path = path
        self.line = line

    def __reduce__(self):
        return (type(self), (str(self), self.path, self.line))
