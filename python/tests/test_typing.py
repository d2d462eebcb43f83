"""Type information: the stubs match the module (mypy.stubtest), and every public name is documented."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import omg_payment
import omg_payment.fastapi

PACKAGE = Path(omg_payment.__file__).parent


def test_py_typed_and_stubs_ship_with_the_package() -> None:
    assert (PACKAGE / "py.typed").is_file()
    assert (PACKAGE / "_native.pyi").is_file()


def test_stubtest_finds_no_difference_between_stubs_and_module() -> None:
    pytest.importorskip("mypy")
    allowlist = Path(__file__).resolve().parents[1] / "stubtest-allowlist.txt"
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "omg_payment", "--allowlist", str(allowlist)],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=str(Path(__file__).parent),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_example_and_the_package_type_check() -> None:
    pytest.importorskip("mypy")
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--ignore-missing-imports", "-p", "omg_payment"],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=str(root / "tests"),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def public_names():  # type: ignore[no-untyped-def]
    for module in (omg_payment, omg_payment.fastapi):
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if isinstance(obj, (str, int)) or name.startswith("_") or type(obj).__module__ == "typing":
                continue  # constants and typing aliases (documented by comments) carry no docstring
            yield f"{module.__name__}.{name}", obj
            if inspect.isclass(obj) and not issubclass(obj, BaseException) and name not in ("FieldError",):
                for attr, member in vars(obj).items():
                    if not attr.startswith("_"):
                        yield f"{module.__name__}.{name}.{attr}", member


@pytest.mark.parametrize("qualname, obj", list(public_names()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_public_name_has_a_docstring(qualname: str, obj: object) -> None:
    doc = getattr(obj, "__doc__", None)
    if isinstance(obj, property) or type(obj).__name__ == "getset_descriptor":
        doc = obj.__doc__
    assert doc and doc.strip(), f"{qualname} has no docstring"
