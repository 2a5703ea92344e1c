"""A word-level comparison of two texts, for the coaches' history pages.

Pure Python: the admin renders the pieces as <del> and <ins>. Words, runs of white space
and punctuation marks are separate tokens, so a fixed typo shows as one changed word in a
long Markdown paragraph, and the pieces join back into the exact texts.
"""

import difflib
import re
from dataclasses import dataclass
from typing import Literal

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")

PieceKind = Literal["same", "removed", "added"]


@dataclass(frozen=True)
class Piece:
    kind: PieceKind
    text: str


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def word_diff(*, old: str, new: str) -> tuple[Piece, ...]:
    """The pieces that turn `old` into `new`: same, removed and added runs of tokens.

    Joining the "same" and "removed" pieces gives `old` back; "same" and "added" give `new`.
    Neighbouring pieces of one kind are merged.
    """
    old_tokens, new_tokens = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    pieces: list[Piece] = []

    def add(kind: PieceKind, parts: list[str]) -> None:
        text = "".join(parts)
        if not text:
            return
        if pieces and pieces[-1].kind == kind:
            pieces[-1] = Piece(kind, pieces[-1].text + text)
        else:
            pieces.append(Piece(kind, text))

    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            add("same", old_tokens[old_start:old_end])
        else:
            add("removed", old_tokens[old_start:old_end])
            add("added", new_tokens[new_start:new_end])
    return tuple(pieces)


def changed(pieces: tuple[Piece, ...]) -> bool:
    return any(piece.kind != "same" for piece in pieces)
