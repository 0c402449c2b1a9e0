"""The API's pool of open stores (api/pool.py), on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.api.pool import StorePool
from watchfloor.store import Store


def test_a_returned_store_is_lent_again(tmp_path: Path) -> None:
    pool = StorePool(str(tmp_path / "pool.db"))
    with pool.store() as first:
        pass
    with pool.store() as second:
        assert second is first
        with pool.store() as third:  # lent at the same time: another store
            assert third is not first
    pool.close()


def test_a_store_that_saw_an_error_is_closed_not_kept(tmp_path: Path) -> None:
    pool = StorePool(str(tmp_path / "pool.db"))
    broken: list[Store] = []
    with pytest.raises(RuntimeError), pool.store() as store:
        broken.append(store)
        raise RuntimeError("the request failed")
    with pool.store() as fresh:
        assert fresh is not broken[0]
        assert fresh.counts() is not None
    pool.close()


def test_closing_the_pool_closes_idle_stores_and_keeps_none(tmp_path: Path) -> None:
    pool = StorePool(str(tmp_path / "pool.db"), idle=1)
    with pool.store() as a, pool.store() as b:
        assert a is not b
        pass
    assert pool._free == [b]  # the first given back is kept, the other closed
    pool.close()
    assert pool._free == []
    with pool.store() as late:
        pass
    assert pool._free == []  # a closed pool keeps nothing given back
    del late
