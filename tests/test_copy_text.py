"""The bulk writers' COPY text: whatever a cell holds comes back from PostgreSQL as it
went in, whether the value takes copy_text's quick path or is escaped."""

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from khuyenhoc.core.db.copy import copy_line, copy_text

pytestmark = pytest.mark.django_db

# PostgreSQL's text cannot hold NUL; every other character can reach a cell. A lone
# surrogate cannot: a sheet is read into valid UTF-8, and a form is decoded from it.
cells = st.one_of(
    st.none(), st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"))
)


def test_plain_text_is_kept_as_it_is_and_control_characters_are_escaped():
    assert copy_text("Lò Văn Sơn") == "Lò Văn Sơn"
    assert copy_text("") == ""
    assert copy_text(None) == "\\N"
    assert copy_text("a\tb\nc\rd\\e") == "a\\tb\\nc\\rd\\\\e"
    assert copy_text("\\N") == "\\\\N"  # the text "\N", not a NULL


@settings(max_examples=60, deadline=None)
@given(values=st.lists(cells, min_size=1, max_size=20))
def test_any_text_comes_back_from_copy_unchanged(values):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE IF NOT EXISTS copied (n int, value text)")
        cursor.execute("TRUNCATE copied")
        data = "".join(copy_line([n, v]) + "\n" for n, v in enumerate(values))
        with cursor.cursor.copy("COPY copied (n, value) FROM STDIN") as copy:
            copy.write(data)
        cursor.execute("SELECT value FROM copied ORDER BY n")
        assert [v for (v,) in cursor.fetchall()] == values
