"""Every `# type: ignore` names its error code and says why, on the same line."""

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "bordertwin"
IGNORE = re.compile(r"#\s*type:\s*ignore\b(?P<code>\[[^\]]*\])?(?P<rest>.*)$")


def unexplained(line: str) -> bool:
    match = IGNORE.search(line)
    if match is None:
        return False
    return not match["code"] or not re.match(r"\s*#\s*\S", match["rest"])


def test_an_ignore_without_a_code_and_a_reason_is_caught():
    assert unexplained("x = f()  # type: ignore")
    assert unexplained("x = f()  # type: ignore[arg-type]")
    assert unexplained("x = f()  # type: ignore  # the stubs are wrong")
    assert not unexplained("x = f()  # type: ignore[arg-type]  # the stubs are wrong")
    assert not unexplained("x = f()")


def test_every_type_ignore_in_the_package_carries_a_code_and_a_reason():
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if unexplained(line)
    ]
    assert found == [], "A `# type: ignore[code]` needs a reason after it on the same line:\n" + "\n".join(found)
