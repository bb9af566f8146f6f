"""Whatever bytes or TOML documents it is fed, the loader returns problems and never raises."""

import string

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from spark_game.core.decks.file import parse_deck

keys = st.sampled_from(
    [
        "format",
        "deck",
        "cards",
        "id",
        "name",
        "kind",
        "level",
        "points",
        "seconds",
        "answerer",
        "text",
        "tags",
        "color",
        "mature",
        "lvl",
    ]
) | st.text(string.ascii_letters, min_size=1, max_size=6)
scalars = (
    st.integers(min_value=-10, max_value=10_000)
    | st.booleans()
    | st.text(max_size=20)
    | st.floats(allow_nan=False)
    | st.sampled_from(["question", "wild", "both", "#ff00aa", "a-b"])
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=20,
)
documents = st.builds(
    lambda extra, doc: {**extra, **doc},
    st.dictionaries(keys, scalars, max_size=2),
    st.fixed_dictionaries(
        {},
        optional={
            "format": st.integers(-1, 3) | scalars,
            "deck": st.dictionaries(keys, values, max_size=6) | values,
            "cards": st.lists(st.dictionaries(keys, values, max_size=9), max_size=4) | values,
        },
    ),
)


@given(st.binary(max_size=2000))
@settings(max_examples=300)
def test_arbitrary_bytes_never_raise(data):
    deck, problems = parse_deck(data, "fuzz.toml")
    assert (deck is None) == bool(problems)


@given(documents)
@settings(max_examples=300)
def test_arbitrary_toml_documents_never_raise(doc):
    data = tomli_w.dumps(doc).encode()
    deck, problems = parse_deck(data, "fuzz.toml")
    assert (deck is None) == bool(problems)
    for problem in problems:
        assert str(problem).startswith("fuzz.toml:")
