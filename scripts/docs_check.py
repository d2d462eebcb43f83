#!/usr/bin/env python3
"""The docs check: every code block of docs/*.md and README.md marked runnable is run, so a doc
cannot drift from the code. `make test` runs it (scripts/test-docs.sh).

Markers, in a fenced block's info string (after the language, so Markdown renders it as usual):

    ```sh run              run the block (sh, python, js, php, csharp)
    ```python file=app.py  write the block to app.py in the document's folder; run nothing
    ```text expect         each line must appear, in this order, in what the document's blocks (and
                           the apps they started) printed since the last run block started (waiting
                           up to 30 s: an app started in the background prints when a notification
                           reaches it); several expect blocks after one run block are each
                           checked from there, so what two processes print can interleave
    ```php signatures=php/omg_payment.stub.php
                           each line is a signature that must appear in that file (the generated
                           stub, or the source that declares it; several files: comma-separated,
                           relative to the repository): the listed signatures cannot drift

The runnable blocks of one document share a fresh temporary folder, a log of everything they print
(background processes included), and these settings: `OMG_SIM_URL` and `OMG_BASE_URL` point at
http://127.0.0.1:8090, no other `OMG_*` variable is set (the public stage merchant), the `omg`
command and the language tools are on PATH. So the docs can be written with the ports a reader
uses, the check rewrites the literal ports 8090 (omg sim) and 8000 (your app) of runnable blocks to
free ones. Every process a document started is stopped after it.

A block fails when it exits non-zero or runs over 120 s; an `expect` block when a line never
appears; a `signatures` block when a line is not in its files. A signature line is compared with
the file's text apart from spacing and line breaks: a leading receiver (`client.`, `$client->`,
`OmgPayment.`), a trailing comment (`#`, `//`) and a trailing `;`, `{}` or `: ...` are left out of
it, `self` out of the file's methods, so `client.verify_notification(body: _Body, ...) -> X`
matches `def verify_notification(self, body: _Body, ...) -> X: ...`. Exit 1 when any block
failed, naming the file and line.

    docs_check.py [--only sh,python,...] FILE...    check these documents
    docs_check.py --self-test                       a good document passes, broken ones fail

Language tools, from the environment (scripts/test-docs.sh sets them): OMG_DOCS_PYTHON (a python
with the omg-payment wheel installed; its bin folder goes first on PATH for uvicorn), OMG_DOCS_NODE_PATH
(a folder where require('omg-payment') resolves), OMG_PHP_EXTENSION (the built extension),
OMG_DOCS_DOTNET (a folder with Omg.Payment.dll, copied into each document's folder, and the
native library). A block whose language has
no tool is reported as not run, which fails the check unless --only leaves that language out.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BLOCK_TIMEOUT_S = 120
EXPECT_TIMEOUT_S = 30
SIM_PORT, APP_PORT = "8090", "8000"
LANGUAGES = {
    "sh": "sh",
    "bash": "sh",
    "console": "sh",
    "python": "python",
    "py": "python",
    "js": "js",
    "javascript": "js",
    "php": "php",
    "csharp": "csharp",
    "cs": "csharp",
    "text": "text",
}
EXTENSIONS = {"sh": ".sh", "python": ".py", "js": ".js", "php": ".php", "csharp": ".cs"}


@dataclass
class Block:
    path: Path
    line: int  # of the opening fence, 1-based
    language: str
    action: str  # run | file | expect | signatures
    file_name: str = ""
    text: str = ""


@dataclass
class Result:
    failures: list[str] = field(default_factory=list)
    ran: int = 0
    signatures: int = 0  # signature blocks compared


FENCE = re.compile(r"^(\s*)(```+|~~~+)\s*(\S*)\s*(.*)$")


def blocks_of(path: Path) -> list[Block]:
    """The marked blocks of a Markdown file, in order."""
    found: list[Block] = []
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, language, rest = m.group(1), m.group(2), m.group(3).lower(), m.group(4).split()
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(fence):
            body.append(lines[i].removeprefix(indent))
            i += 1
        i += 1
        action = next(
            (w for w in rest if w in ("run", "expect") or w.startswith(("file=", "signatures="))),
            None,
        )
        if action is None:
            continue
        language = LANGUAGES.get(language, language)
        if action.startswith(("file=", "signatures=")):
            kind, _, name = action.partition("=")
            found.append(Block(path, start + 1, language, kind, name, "\n".join(body) + "\n"))
        else:
            found.append(Block(path, start + 1, language, action, text="\n".join(body) + "\n"))
    return found


ROOT = Path(__file__).resolve().parent.parent


def squeezed(text: str) -> str:
    """Code without its layout: one space between words, none around punctuation, no trailing
    comma before a closing bracket (a signature wrapped over lines reads as one written on one)."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r" ?([^\w\s$]) ?", r"\1", text)
    return re.sub(r",([)\]])", r"\1", text)


def signature_of(line: str) -> str:
    """A doc's signature line as it must appear in the file: without receiver, comment or end."""
    line = re.sub(r"\s(#|//).*$", "", line).strip()
    line = re.sub(r"^\$?\w+(\.|->)(?=\w+\()", "", line)
    line = re.sub(r"(;|\{\s*\}|:\s*\.\.\.)$", "", line.strip())
    return squeezed(line)


def check_signatures(block: Block, result: Result) -> None:
    """Each signature line of the block appears in one of its files (see the module's doc)."""
    files = [ROOT / name for name in block.file_name.split(",")]
    missing_files = [str(f) for f in files if not f.is_file()]
    if missing_files:
        result.failures.append(f"{block.path}:{block.line}: no such file {', '.join(missing_files)}")
        return
    code = squeezed(" ".join(f.read_text(encoding="utf-8") for f in files))
    code = code.replace("(self,", "(").replace("(self)", "()")
    for offset, line in enumerate(block.text.splitlines(), start=1):
        if not line.strip() or line.strip().startswith(("#", "//")):
            continue
        wanted = signature_of(line)
        if not re.search(rf"(?<![\w$]){re.escape(wanted)}(?![\w$])", code):
            result.failures.append(
                f"{block.path}:{block.line + offset}: the signature {line.strip()!r} is not in {block.file_name}"
            )


def free_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return str(s.getsockname()[1])


def with_ports(text: str, ports: dict[str, str]) -> str:
    for literal, port in ports.items():
        text = re.sub(rf"(?<![0-9]){literal}(?![0-9])", port, text)
    return text


class Session:
    """One document's folder, log, environment and processes."""

    def __init__(self, path: Path, only: set[str] | None):
        self.path = path
        self.only = only
        self.dir = Path(tempfile.mkdtemp(prefix="omg-docs-"))
        self.log_path = self.dir / ".output.log"
        self.log_path.touch()
        self.expected_from = 0  # where the last run block's output starts in the log
        # True after a run block left out by --only: the expect blocks about it are left out too.
        self.skipping = False
        self.groups: list[int] = []
        self.ports = {SIM_PORT: free_port(), APP_PORT: free_port()}
        self.env = self._environment()

    def _environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("OMG_") or k.startswith("OMG_DOCS_")}
        for keep in ("OMG_PHP_EXTENSION",):
            if keep in os.environ:
                env[keep] = os.environ[keep]
        sim = f"http://127.0.0.1:{self.ports[SIM_PORT]}"
        env.update(OMG_SIM_URL=sim, OMG_BASE_URL=sim, PYTHONUNBUFFERED="1", NO_COLOR="1")
        path = [str(Path(os.environ["OMG_BIN"]).parent)] if os.environ.get("OMG_BIN") else []
        if os.environ.get("OMG_DOCS_PYTHON"):
            path.append(str(Path(os.environ["OMG_DOCS_PYTHON"]).parent))
        env["PATH"] = os.pathsep.join(path + [env.get("PATH", "")])
        if os.environ.get("OMG_DOCS_NODE_PATH"):
            env["NODE_PATH"] = os.environ["OMG_DOCS_NODE_PATH"]
        if os.environ.get("OMG_PHP_EXTENSION"):
            ini = self.dir / ".php-ini"
            ini.mkdir()
            (ini / "omg_payment.ini").write_text(f"extension={os.environ['OMG_PHP_EXTENSION']}\n")
            env["PHP_INI_SCAN_DIR"] = ":" + str(ini)  # the system's folder too
        if os.environ.get("OMG_DOCS_DOTNET"):
            # The package as a reader has it: Omg.Payment.dll in the app's folder (`mcs -r:`).
            shutil.copy(Path(os.environ["OMG_DOCS_DOTNET"]) / "Omg.Payment.dll", self.dir)
            env["LD_LIBRARY_PATH"] = os.pathsep.join([os.environ["OMG_DOCS_DOTNET"], env.get("LD_LIBRARY_PATH", "")])
        return env

    def where(self, block: Block) -> str:
        return f"{block.path}:{block.line}"

    def command(self, block: Block, source: Path) -> list[str] | None:
        """How to run a block of this language; None when the tool is missing."""
        if block.language == "sh":
            return ["bash", "-e", "-o", "pipefail", str(source)]
        if block.language == "python":
            python = os.environ.get("OMG_DOCS_PYTHON")
            return [python, str(source)] if python else None
        if block.language == "js":
            return ["node", str(source)] if os.environ.get("OMG_DOCS_NODE_PATH") and shutil.which("node") else None
        if block.language == "php":
            return ["php", str(source)] if os.environ.get("OMG_PHP_EXTENSION") and shutil.which("php") else None
        if block.language == "csharp":
            dotnet = os.environ.get("OMG_DOCS_DOTNET")
            if not dotnet or not shutil.which("mcs"):
                return None
            exe = source.with_suffix(".exe")
            dll = Path(dotnet) / "Omg.Payment.dll"
            build = f'mcs -nologo -out:"{exe}" -r:"{dll}" "{source}" && cp "{dll}" "{source.parent}/"'
            return ["sh", "-c", f'{build} && mono "{exe}"']
        return None

    def run(self, block: Block, result: Result) -> None:
        if block.action == "file":
            target = self.dir / block.file_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(with_ports(block.text, self.ports), encoding="utf-8")
            return
        if block.action == "signatures":
            return  # compared by check_signatures, without a session
        if block.action == "expect":
            if not self.skipping:
                self.expect(block, result)
            return
        self.skipping = self.only is not None and block.language not in self.only
        if self.skipping:
            return
        source = self.dir / f".block-{block.line}{EXTENSIONS.get(block.language, '.txt')}"
        source.write_text(with_ports(block.text, self.ports), encoding="utf-8")
        command = self.command(block, source)
        if command is None:
            result.failures.append(f"{self.where(block)}: no tool to run a {block.language} block (see docs_check.py)")
            return
        result.ran += 1
        # The process (and what it leaves running) writes to the log through its own descriptor.
        self.expected_from = len(self.log_path.read_text(encoding="utf-8", errors="replace"))
        with open(self.log_path, "ab") as log:
            log.write(f"\n--- {self.where(block)} ({block.language})\n".encode())
            log.flush()
            process = subprocess.Popen(
                command,
                cwd=self.dir,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.groups.append(process.pid)
        try:
            status = process.wait(timeout=BLOCK_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            result.failures.append(f"{self.where(block)}: still running after {BLOCK_TIMEOUT_S} s")
            return
        if status != 0:
            result.failures.append(f"{self.where(block)}: exited {status}; it printed:\n{self.tail(block)}")

    def tail(self, block: Block) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        mark = f"--- {self.where(block)}"
        return "    " + text[text.rfind(mark) :].strip().replace("\n", "\n    ")[-3000:]

    def expect(self, block: Block, result: Result) -> None:
        wanted = [line.strip() for line in with_ports(block.text, self.ports).splitlines() if line.strip()]
        deadline = time.monotonic() + EXPECT_TIMEOUT_S
        while True:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
            position, missing = self.expected_from, None
            for line in wanted:
                found = text.find(line, position)
                if found < 0:
                    missing = line
                    break
                position = found + len(line)
            if missing is None:
                return
            if time.monotonic() > deadline:
                printed = text[self.expected_from :].strip().replace("\n", "\n    ")[-3000:]
                result.failures.append(
                    f"{self.where(block)}: never printed {missing!r} (waited {EXPECT_TIMEOUT_S} s); "
                    f"the document's blocks printed:\n    {printed}"
                )
                return
            time.sleep(0.2)

    def close(self) -> None:
        for group in self.groups:
            try:
                os.killpg(group, signal.SIGTERM)
            except ProcessLookupError:
                pass
        time.sleep(0.2)
        for group in self.groups:
            try:
                os.killpg(group, signal.SIGKILL)
            except ProcessLookupError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)


def check(paths: list[Path], only: set[str] | None, quiet: bool = False) -> Result:
    result = Result()
    for path in paths:
        blocks = blocks_of(path)
        for block in blocks:
            if block.action == "signatures":
                check_signatures(block, result)
                result.signatures += 1
        if not any(b.action == "run" and (only is None or b.language in only) for b in blocks):
            continue
        if not quiet:
            print(f"docs-check: {path}: {sum(b.action == 'run' for b in blocks)} runnable block(s)", flush=True)
        session = Session(path, only)
        try:
            for block in blocks:
                before = len(result.failures)
                session.run(block, result)
                if len(result.failures) > before:
                    break  # later blocks of the document build on this one
        finally:
            session.close()
    return result


def self_test() -> int:
    """The check itself: a document that works passes; a broken snippet, a missing line, a
    drifted signature and a signature cut short each fail, naming the block."""
    folder = Path(tempfile.mkdtemp(prefix="omg-docs-self-test-"))
    stub = folder / "stub.pyi"
    stub.write_text(
        "class Client:\n    def refund(\n        self,\n        merchant_trade_no: str,\n        amount: int,\n"
        "    ) -> Result: ...\n\ndef nack(message: str) -> str: ...\n"
    )
    cases = {
        "good.md": ("```sh run\necho one; (sleep 1; echo late) &\n```\n\n```text expect\none\nlate\n```\n", None),
        "broken.md": ("Text.\n\n```sh run\necho before\nfalse\necho after\n```\n", "broken.md:3: exited 1"),
        "interleaved.md": (
            "```sh run\necho a; echo b\n```\n```text expect\nb\n```\n```text expect\na\n```\n",
            None,
        ),
        "stale.md": (
            "```sh run\necho old\n```\n```sh run\necho new\n```\n```text expect\nold\n```\n",
            "never printed 'old'",
        ),
        "missing.md": ("```sh run\necho one\n```\n```text expect\ntwo\n```\n", "never printed 'two'"),
        "file.md": (
            "```python file=x.py\nprint('from a file')\n```\n```sh run\ncat x.py | grep -q 'from a file'\n```\n",
            None,
        ),
        # The reader's ports become the session's: the block and OMG_SIM_URL agree, 8000 is free.
        "ports.md": (
            (
                '```sh run\ntest "$OMG_SIM_URL" = http://127.0.0.1:8090\n! test 8000 = 8'
                "000\necho :8000\n```\n```text expect\n:8000\n```\n"
            ),
            None,
        ),
        # A signature listed by a doc matches its stub apart from layout; a drifted one fails.
        "signatures.md": (
            (
                f"```python signatures={stub}\n"
                "client.refund(merchant_trade_no: str, amount: int) -> Result  # a comment\n"
                "nack(message: str) -> str\n```\n"
            ),
            None,
        ),
        "drifted.md": (
            f"Text.\n```python signatures={stub}\nnack(message: str) -> str\nnack(text: str) -> str\n```\n",
            f"drifted.md:4: the signature 'nack(text: str) -> str' is not in {stub}",
        ),
        "prefix.md": (f"```python signatures={stub}\nrefund(merchant_trade_no: str) -> Result\n```\n", "is not in"),
    }
    failures = 0
    try:
        for name, (text, expected_failure) in cases.items():
            (folder / name).write_text(text)
            result = check([folder / name], {"sh", "python"} if name != "file.md" else {"sh"}, quiet=True)
            got = "\n".join(result.failures)
            ok = (not result.failures) if expected_failure is None else (expected_failure in got)
            why = "" if ok else f" (got: {got or 'no failure'})"
            print(f"docs-check self-test: {name}: {'ok' if ok else 'WRONG'}{why}")
            failures += not ok
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--only", help="comma-separated languages to run (sh, python, js, php, csharp)")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    only = set(args.only.split(",")) if args.only else None
    result = check(args.files, only)
    for failure in result.failures:
        print(f"docs-check: FAILED {failure}", file=sys.stderr)
    print(
        f"docs-check: {result.ran} block(s) run, {result.signatures} signature block(s) compared, "
        f"{len(result.failures)} failed"
    )
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
