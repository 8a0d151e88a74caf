"""Database connections for requests.

Sync routes run in a thread pool and a dependency may run on a different thread than the
route it feeds, so a thread-local connection could be shared by two requests at once. A small
pool hands each request its own connection and keeps it warm for the next one.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ...store import Store


class StorePool:
    def __init__(self, path: str, keep: int = 16) -> None:
        self.path = path
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue(maxsize=keep)
        # Ingest writes many rows per document and loads the NLP model: one writer at a time.
        self.write_lock = threading.Lock()

    @contextmanager
    def reader(self) -> Iterator[Store]:
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            store = Store(self.path, readonly=True)
        try:
            yield store
        finally:
            try:
                store.db.rollback()  # end any read transaction so later writes become visible
                self._idle.put_nowait(store)
            except queue.Full:
                store.close()

    @contextmanager
    def writer(self) -> Iterator[Store]:
        with self.write_lock, Store(self.path) as store:
            yield store

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
