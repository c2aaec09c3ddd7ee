"""Problems found in data and content, collected and reported one line each.

Every problem names the file (relative to the project root), the line where one is
known, and says what to do. All problems are gathered before anything is reported,
so an editor sees every mistake at once, not just the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        prefix = "" if self.severity == "error" else "warning: "
        return f"{where}: {prefix}{self.message}"


@dataclass
class Report:
    """A collector of problems. ``root`` makes file names relative to the project."""

    root: Path | None = None
    problems: list[Problem] = field(default_factory=list)

    def _rel(self, file: str | Path) -> str:
        path = Path(file)
        if self.root is not None and path.is_absolute():
            try:
                return path.relative_to(self.root).as_posix()
            except ValueError:
                return path.as_posix()
        return path.as_posix()

    def error(self, file: str | Path, line: int | None, message: str) -> None:
        self.problems.append(Problem(self._rel(file), line, message))

    def warning(self, file: str | Path, line: int | None, message: str) -> None:
        self.problems.append(Problem(self._rel(file), line, message, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        seen: set[Problem] = set()
        out = []
        for p in sorted(self.problems, key=lambda p: (p.severity != "error", p.file, p.line or 0)):
            if p not in seen:
                seen.add(p)
                out.append(str(p))
        return out


class ValidationFailed(Exception):
    """Raised when a build must stop; carries the report so every line can be shown."""

    def __init__(self, report: Report):
        self.report = report
        super().__init__("\n".join(report.lines()))
