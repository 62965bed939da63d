"""Math rendered at build time: KaTeX in embedded V8, in-process and on a real `mkdocs build --strict`."""
import re

import pytest

from kbsite.html_safety import sanitize
from kbsite.math_render import KatexRenderer, renderer_for
from kbsite.math_tree import MATH_END, MATH_START
from kbsite.search import EXCLUDE
from sitebuild import PROJECT, build_site

NOTE = """\
---
title: Maths
summary: Formulas, good and bad.
---

Inline $a^2 + b^2 = c^2$ and then

$$\\sum_{i=1}^n i = \\frac{n(n+1)}{2}$$

A broken one: $\\frac{1}{$ here.

A link in TeX: $\\href{javascript:alert(1)}{x}$.

Text in math stays text: $\\text{<b>bold</b>}$.
"""

GLOSSARY = """\
- term: Residual stream
  definition: The running sum $x_{l+1} = x_l + f_l(x_l)$ that every layer reads from and writes to.
- term: Broken
  definition: A formula that does not parse, $\\left( x$.
"""


@pytest.fixture(scope="module")
def katex():
    renderer = renderer_for()
    assert renderer is not None, "KaTeX is missing from node_modules: run `make setup`"
    return renderer


@pytest.fixture(scope="module")
def math_build(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("math"), {"notes/interpretability/maths.md": NOTE, "glossary.yml": GLOSSARY})


def test_golden_inline_formula(katex):
    """The whole HTML of one formula, from KaTeX 0.16.22 (package-lock.json)."""
    assert katex.render("x", False).html == (
        '<span class="katex"><span class="katex-mathml" data-search-exclude=""><math xmlns="http://www.w3.org/1998/Math/MathML">'
        '<semantics><mrow><mi>x</mi></mrow><annotation encoding="application/x-tex">x</annotation></semantics></math></span>'
        '<span class="katex-html" aria-hidden="true"><span class="base"><span class="strut" style="height:0.4306em;"></span>'
        '<span class="mord mathnormal">x</span></span></span></span>')


def test_inline_formula_is_katex_html_with_mathml(katex):
    rendering = katex.render("a^2", False)
    assert rendering.problem is None
    assert rendering.html.startswith('<span class="katex"><span class="katex-mathml" data-search-exclude="">'
                                     '<math xmlns="http://www.w3.org/1998/Math/MathML">')
    assert '<annotation encoding="application/x-tex">a^2</annotation>' in rendering.html
    assert '<span class="katex-html" aria-hidden="true">' in rendering.html
    assert "katex-display" not in rendering.html


def test_display_formula_is_a_block(katex):
    html = katex.render("\\frac{1}{2}", True).html
    assert html.startswith('<span class="katex-display"><span class="katex">')
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in html
    assert '<span class="mfrac">' in html


def test_each_formula_is_rendered_once(katex, tmp_path):
    script = tmp_path / "counting.js"  # KaTeX's own script, counting its renders
    script.write_text(open(katex.script_path, encoding="utf-8").read() + """
        var kbCalls = 0, kbOriginal = katex.renderToString;
        katex.renderToString = function (tex, options) { kbCalls += 1; return kbOriginal(tex, options); };
    """, encoding="utf-8")
    renderer = KatexRenderer(str(script))
    first = renderer.render("x + y", False)
    assert renderer.render("x + y", False) is first
    assert renderer.render("x + y", True) is not first  # display mode is part of the key
    assert renderer._js().eval("kbCalls") == 2


def test_invalid_tex_is_a_problem_with_katex_message(katex):
    rendering = katex.render("\\frac{1}{", False)
    assert rendering.html is None
    assert rendering.problem == "invalid TeX: Unexpected end of input in a macro argument, expected '}' at position 10 of $\\frac{1}{$"
    assert katex.render("\\nosuchcommand", False).problem.startswith("invalid TeX: Undefined control sequence: \\nosuchcommand")


@pytest.mark.parametrize("tex, command", [("\\href{javascript:alert(1)}{x}", "\\href"), ("\\url{https://example.com}", "\\url"),
                                          ("\\htmlClass{x}{y}", "\\htmlClass"), ("\\htmlStyle{color:red}{y}", "\\htmlStyle"),
                                          ("\\includegraphics{a.png}", "\\includegraphics")])
def test_commands_that_emit_html_are_refused(katex, tex, command):
    rendering = katex.render(tex, False)
    assert rendering.html is None
    assert rendering.problem.startswith(f"math: {command} is not allowed")


def test_text_in_math_is_escaped(katex):
    html = katex.render("\\text{<img src=x onerror=alert(1)>}", False).html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_sanitize_keeps_rendered_math_and_cleans_forged_math(katex):
    formula = katex.render("x_{l+1}", False).html
    forged = '<span style="position:fixed">gotcha</span><math><mi>x</mi></math>'
    page = (f"<p>Kept {MATH_START}{formula}{MATH_END} and forged {MATH_START}{forged}{MATH_END}</p>"
            f"<!--kb-math 0000000000000000 0-->")
    cleaned = sanitize(page)
    assert f"{MATH_START}{formula}{MATH_END}" in cleaned
    assert "position:fixed" not in cleaned and "<math><mi>" not in cleaned and "gotcha" in cleaned


def test_strict_build_reports_bad_tex_with_path_and_line(math_build):
    assert math_build.returncode != 0
    warnings = math_build.warnings()
    assert "notes/interpretability/maths.md:10: invalid TeX: Unexpected end of input in a macro argument, expected '}' " \
           "at position 10 of $\\frac{1}{$" in warnings
    assert any(re.fullmatch(r"notes/interpretability/maths\.md:12: math: \\href is not allowed .*", line) for line in warnings)
    assert any(line.startswith("glossary.yml:4: invalid TeX: ") for line in warnings)
    assert "Traceback" not in math_build.output


def test_bad_tex_is_shown_as_code(math_build):
    article = math_build.html("interpretability/maths/").select_one("article")
    errors = [code.get_text() for code in article.select("code.kb-math-error")]
    assert errors == ["\\frac{1}{", "\\href{javascript:alert(1)}{x}"]
    assert not article.select("a[href^=javascript]")


def test_math_is_html_on_the_page_and_no_script(math_build):
    page = math_build.html("interpretability/maths/")
    article = page.select_one("article")
    assert not page.select('script[type^="math/tex"]')
    formulas = article.select("span.kb-math > .katex, span.kb-math > .katex-display")
    assert len(formulas) == 3
    assert [math.select_one("annotation").get_text() for math in formulas] == [
        "a^2 + b^2 = c^2", "\\sum_{i=1}^n i = \\frac{n(n+1)}{2}", "\\text{<b>bold</b>}"]
    assert not article.select("b")  # TeX's text is text
    assert not [script for script in page.find_all("script") if "katex" in script.get("src", "")]
    assert not (math_build.site / "assets/vendor/katex/katex.min.js").exists()
    assert list((math_build.site / "assets/vendor/katex/fonts").glob("*.woff2"))


def katex_stylesheets(page):
    return [link["href"] for link in page.select('head link[rel="stylesheet"]') if "katex" in link["href"]]


def test_katex_stylesheet_only_on_pages_with_math(math_build):
    assert katex_stylesheets(math_build.html("interpretability/maths/")) == ["../../assets/vendor/katex/katex.min.css"]
    assert katex_stylesheets(math_build.html("glossary/")) == ["../assets/vendor/katex/katex.min.css"]
    assert katex_stylesheets(math_build.html("")) == []
    assert katex_stylesheets(math_build.html("interpretability/")) == []


def test_glossary_math_survives_the_sanitizer(math_build):
    entry = math_build.html("glossary/").select_one("article")
    formula = entry.select_one("span.kb-math > .katex")
    assert formula.select_one("annotation").get_text() == "x_{l+1} = x_l + f_l(x_l)"
    assert formula.select_one("math mrow")  # MathML kept
    assert formula.select_one(".katex-html [style]")  # KaTeX's inline styles kept


def test_search_indexes_math_as_shown(math_build):
    """What Pagefind indexes of a page (its article without `search.EXCLUDE`) has each formula once,
    as shown: not its TeX, not KaTeX's MathML copy."""
    article = math_build.html("interpretability/maths/").select_one("article")
    for selector in EXCLUDE:
        for element in article.select(selector):
            element.decompose()
    text = " ".join(article.get_text(" ").split())
    assert text.count("a2+b2=c2") == 1 or text.count("a 2 + b 2 = c 2") == 1, text
    assert "\\sum" not in text and "\\frac{n" not in text
