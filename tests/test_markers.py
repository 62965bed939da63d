"""Site-wide lists are written after their markers and can be rewritten in place (`--dirty`)."""
from kbsite.markers import fill as fill_markers, refill as refill_markers

PAGE = "<h2>Cited in</h2><!-- kb:cited:a2020x --><h2>Lists</h2><!-- kb:lists:a2020x --><p>end</p>"


def test_fill_then_refill_replaces_only_what_was_filled():
    first = fill_markers(PAGE, lambda kind, ident: f"<ul><li>{kind} {ident} v1</li></ul>")
    assert first == ("<h2>Cited in</h2><!-- kb:cited:a2020x --><ul><li>cited a2020x v1</li></ul><!-- /kb -->"
                     "<h2>Lists</h2><!-- kb:lists:a2020x --><ul><li>lists a2020x v1</li></ul><!-- /kb --><p>end</p>")
    second = refill_markers(first, lambda kind, ident: f"<p>{kind} v2</p>")
    assert second == fill_markers(PAGE, lambda kind, ident: f"<p>{kind} v2</p>")
    assert refill_markers(second, lambda kind, ident: "") == fill_markers(PAGE, lambda kind, ident: "")


def test_refill_leaves_a_page_without_filled_markers_alone():
    assert refill_markers(PAGE, lambda kind, ident: "x") == PAGE
