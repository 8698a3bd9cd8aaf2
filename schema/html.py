"""An article body as escaped, semantic HTML, so an app renders it without guessing.

One element per block, in reading order, the text escaped (a body containing `<script>` prints
it as text). Sub-headings are `h2`; an interview's questions are `h2 class="question"` too,
because `subheadings` lists them as headings; captions are figure captions; related links,
sources and corrections are marked for what they are, so a front-end can style or drop them.
"""

from __future__ import annotations

from html import escape

from store.records import Block, BlockKind

_ELEMENTS: dict[BlockKind, tuple[str, str]] = {
    "paragraph": ("<p>", "</p>"),
    "subheading": ("<h2>", "</h2>"),
    "question": ('<h2 class="question">', "</h2>"),
    "answer": ('<p class="answer">', "</p>"),
    "caption": ("<figure><figcaption>", "</figcaption></figure>"),
    "related": ('<aside class="related"><p>', "</p></aside>"),
    "source": ('<p class="source"><small>', "</small></p>"),
    "correction": ('<aside class="correction"><p>', "</p></aside>"),
    "quote": ("<blockquote><p>", "</p></blockquote>"),
}


def body_html(blocks: tuple[Block, ...]) -> str:
    """The blocks as HTML, one element per line."""
    return "\n".join(_element(b) for b in blocks)


def _element(block: Block) -> str:
    start, end = _ELEMENTS[block.kind]
    return f"{start}{escape(block.text, quote=False)}{end}"
