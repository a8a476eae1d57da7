"""One window per data folder: a second launch hands its files to the running app and exits.

The two talk over a local socket (a Unix domain socket, or a named pipe on Windows) that only
this user can open; never a network socket. The socket's name comes from the data folder and
the database, so a sandboxed `--data-dir` run is an app of its own.
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject

from facilitator.paths import data_dir, db_path

CONNECT_TIMEOUT_MS = 1000
# What a launch sends: {"open": ["/absolute/file", ...]} and a newline.
OPEN_KEY = "open"


def instance_name() -> str:
    """The same name for every launch on the same data folder and database by this user."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    where = f"{user}\n{data_dir().resolve()}\n{db_path().resolve()}".encode()
    # Two checksums make a 64-bit name (hashlib would load OpenSSL at every start).
    return f"facilitator-{zlib.crc32(where):08x}{zlib.adler32(where):08x}"


def might_be_running(name: str) -> bool:
    """False when no app can be listening under `name`: on Linux and macOS its socket file is
    missing (checked without loading Qt's network module, so a first start stays quick)."""
    folder = socket_folder()
    return folder is None or (folder / name).exists()


def socket_folder() -> Path | None:
    """Where QLocalServer puts its socket files: Qt's QDir.tempPath(), which is $TMPDIR, else
    /tmp (worked out here: making QDir's type costs the first window a millisecond). None where
    only connecting tells: Windows (named pipes), and macOS without $TMPDIR (Qt asks the system)."""
    temp = os.environ.get("TMPDIR")
    if sys.platform == "win32" or (sys.platform == "darwin" and not temp):
        return None
    return Path(os.path.normpath(temp or "/tmp"))


def hand_over(name: str, files: Sequence[Path]) -> bool:
    """Ask the app already running under `name` to come forward and open `files`.

    True when it took them (this launch then has nothing left to do); False when none runs.
    """
    import json  # a second launch only: the first window does not wait for it

    from PySide6.QtNetwork import QLocalSocket  # Qt's network module: only when needed

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    message = json.dumps({OPEN_KEY: [str(p.resolve()) for p in files]}) + "\n"
    socket.write(message.encode("utf-8"))
    delivered = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    # What was written stays readable by the running app after this end closes.
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(CONNECT_TIMEOUT_MS)
    return delivered


class InstanceServer(QObject):
    """Listens for later launches; calls `on_launch(files)` for each."""

    def __init__(self, name: str, on_launch: Callable[[list[Path]], None]) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__()
        self._on_launch = on_launch
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        if not self.server.listen(name):
            if _answers(name):
                return  # another launch won the race: later launches find that one
            # A socket file left by an app that crashed: nobody answers, so it is stale.
            self.server.removeServer(name)
            self.server.listen(name)

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            connection = self.server.nextPendingConnection()
            # A launch writes its one line as soon as it connects: read it here and now.
            message = bytearray()
            while b"\n" not in message and (
                connection.bytesAvailable() or connection.waitForReadyRead(CONNECT_TIMEOUT_MS)
            ):
                message.extend(connection.readAll().data())
            connection.abort()
            if b"\n" in message:  # a launch's request, not another app checking we are here
                self._on_launch(_files_in(bytes(message)))


def _answers(name: str) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    alive = socket.waitForConnected(CONNECT_TIMEOUT_MS)
    if alive:
        socket.abort()  # no message: the listening app reads nothing and opens nothing
    return alive


def _files_in(message: bytes) -> list[Path]:
    """The files a launch asked to open; a garbled message is a launch without files."""
    import json

    try:
        data = json.loads(message.split(b"\n", 1)[0].decode("utf-8"))
        names = data.get(OPEN_KEY, []) if isinstance(data, dict) else []
    except (UnicodeDecodeError, ValueError):
        names = []
    return [Path(n) for n in names if isinstance(n, str)]
