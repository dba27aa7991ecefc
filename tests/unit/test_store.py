"""press.store: the SQLite cache of converted bodies and parsed front matter."""

from __future__ import annotations

from pathlib import Path

from press.store import Store


def test_values_come_back_and_unused_keys_are_dropped(tmp_path: Path) -> None:
    path = str(tmp_path / "cache" / "press-cache.sqlite")
    with Store(path, "markdown") as store:
        store.update({"a": "<p>Жаңылык</p>", "b": b"\x80\x04", "c": "<p>old</p>"})
    with Store(path, "markdown") as store:
        assert store.get_many(["a", "b", "missing"]) == {"a": "<p>Жаңылык</p>", "b": b"\x80\x04"}
        store.update({"d": "<p>new</p>"}, keep=["a", "d"])
        assert store.get_all() == {"a": "<p>Жаңылык</p>", "d": "<p>new</p>"}
        assert store.count() == 2


def test_tables_of_one_file_are_kept_apart(tmp_path: Path) -> None:
    path = str(tmp_path / "press-cache.sqlite")
    with Store(path, "markdown") as bodies, Store(path, "front_matter") as fronts:
        bodies.update({"k": "<p>body</p>"})
        fronts.update({"k": b"front"}, keep=["k"])
        assert bodies.get_all() == {"k": "<p>body</p>"}
        assert fronts.get_all() == {"k": b"front"}


def test_many_keys_at_once(tmp_path: Path) -> None:
    with Store(str(tmp_path / "c.sqlite"), "markdown") as store:
        store.update({f"key-{n}": f"value {n}" for n in range(2500)})
        found = store.get_many(f"key-{n}" for n in range(0, 3000, 2))
    assert len(found) == 1250 and found["key-2498"] == "value 2498"


def test_a_damaged_cache_file_is_started_again(tmp_path: Path) -> None:
    path = tmp_path / "press-cache.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with Store(str(path), "markdown") as store:
        assert store.get_all() == {}
        store.update({"a": "b"})
    with Store(str(path), "markdown") as store:
        assert store.get_all() == {"a": "b"}
