"""The demo server checks its port before it starts, and stops Odoo cleanly."""

import re
import signal
import socket
import subprocess
import sys

import demo_server
import pytest


@pytest.fixture
def listening_port():
    """A loopback port another server listens on meanwhile."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((demo_server.HOST, 0))
        sock.listen()
        yield sock.getsockname()[1]


def _closed_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((demo_server.HOST, 0))
        return sock.getsockname()[1]


def _python(code):
    """A Python process running ``code``, its output piped to the test."""
    return subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True
    )


def test_taken_port_named(listening_port):
    """A port a server listens on is reported with its number."""
    problem = demo_server.port_problem(listening_port)
    assert problem == (
        f"Port {listening_port} of 127.0.0.1 is already in use (another server?)."
    )


def test_free_port_accepted():
    """A port nobody listens on has no problem."""
    assert demo_server.port_problem(_closed_port()) is None


def test_taken_port_refused_before_installing(listening_port, monkeypatch, capsys):
    """With its port taken, the server says so and how to choose another
    (--port and a free one), and neither needs Odoo nor builds a database."""

    def must_not_run(*args, **kwargs):
        raise AssertionError("the demo server went on although its port is taken")

    monkeypatch.setattr(demo_server.odoo_env, "require_odoo", must_not_run)
    monkeypatch.setattr(demo_server.odoo_env, "throwaway_database", must_not_run)
    assert demo_server.main(["--port", str(listening_port)]) == 2
    output = capsys.readouterr()
    assert output.out == ""
    message = output.err
    assert f"Port {listening_port} of 127.0.0.1 is already in use" in message
    suggested = int(re.search(r"port (\d+) is free", message).group(1))
    assert suggested > listening_port
    assert demo_server.port_problem(suggested) is None


@pytest.mark.parametrize("port", ["0", "65536", "http"])
def test_port_out_of_range_refused(port, capsys):
    """A port number that is no TCP port is a usage error."""
    with pytest.raises(SystemExit) as exit_info:
        demo_server.main(["--port", port])
    assert exit_info.value.code == 2
    assert "argument --port" in capsys.readouterr().err


def test_stop_asks_odoo_to_stop():
    """Stopping sends SIGTERM, on which Odoo shuts down cleanly."""
    with _python("import time; time.sleep(60)") as server:
        demo_server.stop(server)
    assert server.returncode == -signal.SIGTERM


def test_stop_kills_what_does_not_stop(monkeypatch):
    """A server that ignores SIGTERM is killed after the stop timeout."""
    monkeypatch.setattr(demo_server, "STOP_TIMEOUT", 0.5)
    code = (
        "import signal, time\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "print('ignoring SIGTERM', flush=True)\n"
        "time.sleep(60)\n"
    )
    with _python(code) as server:
        assert server.stdout.readline() == "ignoring SIGTERM\n"
        demo_server.stop(server)
    assert server.returncode == -signal.SIGKILL


def test_exited_server_never_listening():
    """The URL is printed only once Odoo listens: a server that exits first
    is reported as not listening."""
    with _python("pass") as server:
        listening = demo_server.wait_until_listening(server, _closed_port(), 10)
    assert not listening
