"""A Spark session for claimgraph's jobs: local, a cluster's master, or Spark Connect.

Where claimgraph runs under `spark-submit` (or a notebook that already holds a session) the
session given is used as it is; otherwise one is started here. Workers must run the Python that
has claimgraph installed: PYSPARK_PYTHON is set to this one unless the user set it.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..errors import ClaimgraphError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

log = logging.getLogger(__name__)

# Small Arrow batches into the Python workers: a batch holds whole documents (a WARC's bytes),
# and extraction takes ~25 ms a document, so batching saves nothing and big ones cost memory.
DEFAULTS = {
    "spark.sql.execution.arrow.maxRecordsPerBatch": "16",
    "spark.sql.parquet.compression.codec": "zstd",
}
LOCAL_DEFAULTS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "8",
    "spark.driver.memory": "2g",
    "spark.log.level": "ERROR",  # a failed job still says why; Spark's chatter goes
}


class SparkUnavailable(ClaimgraphError):
    """pyspark or Java is missing, or the session could not start."""


def require() -> None:
    """pyspark and (for a local session) Java, or one clear line saying what to install."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkUnavailable("Spark jobs need pyspark: pip install 'claimgraph[spark]'") from None


def java_found() -> bool:
    return bool(os.environ.get("JAVA_HOME") or shutil.which("java"))


def start(master: str | None = None, remote: str | None = None, conf: Mapping[str, str] | None = None,
          app: str = "claimgraph") -> SparkSession:
    """The active session, or a new one: `remote` (sc://host:15002) for Spark Connect, `master`
    (local[2], spark://host:7077, yarn, k8s://...) for a classic one, else what spark-submit
    or SPARK_REMOTE set, else local on every core."""
    require()
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    active = SparkSession.getActiveSession()
    if active is not None and master is None and remote is None:
        _configure(active, conf or {})
        return active
    builder = SparkSession.builder.appName(app)
    remote = remote or os.environ.get("SPARK_REMOTE")
    if remote:
        builder = builder.remote(remote)
    else:
        if not java_found():
            raise SparkUnavailable("a local Spark needs Java 17 or later (Debian: apt-get install "
                                   "openjdk-17-jre-headless), or give --remote sc://HOST for Spark Connect")
        master = master or os.environ.get("MASTER") or "local[*]"
        builder = builder.master(master)
        if master.startswith("local"):
            for k, v in LOCAL_DEFAULTS.items():
                builder = builder.config(k, v)
    for k, v in {**DEFAULTS, **(conf or {})}.items():
        builder = builder.config(k, v)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # the JVM failed to start, the master cannot be reached ...
        raise SparkUnavailable(f"Spark did not start ({type(exc).__name__}: {str(exc).splitlines()[0][:300]})") from None
    _configure(spark, conf or {})
    log.info("Spark %s session (%s)", spark.version, remote or master)
    return spark


def _configure(spark: SparkSession, conf: Mapping[str, str]) -> None:
    """Runtime settings, which also reach a session started elsewhere (Connect, spark-submit)."""
    for k, v in {**DEFAULTS, **conf}.items():
        try:
            spark.conf.set(k, v)
        except Exception:  # a static setting: only the builder could set it
            log.debug("cannot set %s on a running session", k)
