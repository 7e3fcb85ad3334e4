"""Names typed into a staff search end in the query string; the server's access log,
which an erasure on request cannot reach, writes the path without it."""

import datetime
import runpy
from pathlib import Path
from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.glogging import Logger

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
SEARCH = "/quan-ly/hoi-vien/3646/?q=c%E1%BA%A7m+th%E1%BB%8B+xuy%E1%BA%BFn"


def access_line(environ):
    config = Config()
    config.set("access_log_format", runpy.run_path(str(CONF))["access_log_format"])
    logger = Logger(config)
    response = SimpleNamespace(status="200 OK", sent=5120, headers=[])
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, datetime.timedelta(0))
    return config.access_log_format % logger.atoms_wrapper_class(atoms)


def test_the_access_log_writes_the_path_without_the_query_or_the_referrer():
    path, query = SEARCH.split("?")
    line = access_line(
        {
            "REMOTE_ADDR": "10.0.0.7",
            "REQUEST_METHOD": "GET",
            "RAW_URI": SEARCH,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_REFERER": "https://khuyenhoc.example.vn" + SEARCH,
            "HTTP_USER_AGENT": "Mozilla/5.0",
        }
    )
    assert f'"GET {path} HTTP/1.1" 200 5120 "-" "Mozilla/5.0"' in line
    assert "xuy" not in line and "q=" not in line
