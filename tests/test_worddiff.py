from hypothesis import given
from hypothesis import strategies as st

from kneecare.content.worddiff import changed, word_diff

texts = st.text(alphabet=st.sampled_from("ab c.\n*-é"), max_size=60)


def joined(pieces, *kinds):
    return "".join(piece.text for piece in pieces if piece.kind in kinds)


class TestWordDiff:
    def test_it_marks_only_the_changed_word(self):
        pieces = word_diff(old="Rest the knee for two weeks.", new="Rest the knee for three weeks.")
        assert [(p.kind, p.text) for p in pieces] == [
            ("same", "Rest the knee for "),
            ("removed", "two"),
            ("added", "three"),
            ("same", " weeks."),
        ]

    def test_it_keeps_long_text_whole(self):
        old = "word " * 400
        pieces = word_diff(old=old, new=old + "end")
        assert joined(pieces, "same", "removed") == old
        assert pieces[-1].text == "end"

    def test_it_finds_nothing_in_equal_texts(self):
        assert not changed(word_diff(old="Same text.", new="Same text."))

    @given(old=texts, new=texts)
    def test_it_rebuilds_both_texts(self, old, new):
        pieces = word_diff(old=old, new=new)
        assert joined(pieces, "same", "removed") == old
        assert joined(pieces, "same", "added") == new
        assert changed(pieces) == (old != new)
        assert all(piece.text for piece in pieces)
        assert all(a.kind != b.kind for a, b in zip(pieces, pieces[1:]))
