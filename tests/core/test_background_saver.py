"""The saver's worker thread: writes in order, and held writes go once the screen resumes them or flushes."""

from spark_game.core.saves import BackgroundSaver


def test_held_writes_run_in_order_once_resumed():
    saver = BackgroundSaver()
    written: list[int] = []
    saver.hold()
    futures = [saver.submit(written.append, n) for n in range(3)]
    saver.resume()
    for future in futures:
        future.result()
    assert written == [0, 1, 2]
    saver.close()


def test_flush_lets_held_writes_go():
    saver = BackgroundSaver()
    written: list[str] = []
    saver.hold()
    saver.submit(written.append, "the round")
    saver.flush()
    assert written == ["the round"]
    saver.close()
