"""Property-based tests: linking and citing never change what the reader sees outside them."""
import re
import xml.etree.ElementTree as etree

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbsite.glossary import Glossary, Term
from kbsite.knowledge import Knowledge
from kbsite.linker import KnowledgeExtension
from kbsite.page_state import PageContext
from kbsite.papers import Paper, Registry

TERMS = [Term("Superposition", "superposition", "Many features in few dimensions."),
         Term("Sparse autoencoder", "sae", "A sparse dictionary.", aliases=["SAE"]),
         Term("Reinforcement learning", "rl", "Learning from reward."),
         Term("Reinforcement learning from human feedback", "rlhf", "Learning from preferences.", aliases=["RLHF"]),
         Term("C++", "cpp", "A language.")]
PAPERS = [Paper("bai2022constitutional", "Constitutional AI", ["Yuntao Bai", "Saurav Kadavath", "Sandipan Kundu"], 2022,
                "https://arxiv.org/abs/2212.08073"),
          Paper("burns2022discovering", "Discovering Latent Knowledge", ["Collin Burns", "Haotian Ye"], 2022,
                "https://arxiv.org/abs/2212.03827"),
          Paper("nanda2023mech", "Explainer", ["Neel Nanda"], 2023, "https://example.org/explainer")]
KNOWLEDGE = Knowledge(".", [], Glossary(TERMS), Registry(PAPERS))
BASE_EXTENSIONS = ["fenced_code", "attr_list", "md_in_html", "mdx_math"]
CONFIGS = {"mdx_math": {"enable_dollar_delimiter": True}}

WORDS = ["superposition", "Superposition", "sparse", "autoencoder", "autoencoders", "SAE", "sae", "RLHF",
         "reinforcement", "learning", "from", "human", "feedback", "C++", "the", "a", "model", "is", "and", "(", ")",
         ",", ".", "-", "é", "über"]
word_runs = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
code_span = word_runs.map(lambda text: f"`{text.replace('`', '')}`")
math_span = word_runs.map(lambda text: f"${text.replace('$', '')}$")
link = st.tuples(word_runs, st.sampled_from(["https://example.com/x", "https://arxiv.org/abs/2212.08073"])).map(
    lambda pair: f"[{pair[0].replace('[', '').replace(']', '')}]({pair[1]})")
citation = st.lists(st.sampled_from([paper.key for paper in PAPERS]), min_size=1, max_size=3, unique=True).map(
    lambda keys: "[" + "; ".join(f"@{key}" for key in keys) + "]")
inline = st.lists(st.one_of(word_runs, code_span, math_span, link), min_size=1, max_size=6).map(" ".join)
heading = st.tuples(st.integers(1, 3), word_runs).map(lambda pair: "#" * pair[0] + " " + pair[1])
fence = word_runs.map(lambda text: f"```\n{text}\n```")
bullets = st.lists(inline, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {item}" for item in items))
block = st.one_of(inline, heading, fence, bullets)
document = st.lists(block, min_size=1, max_size=8).map("\n\n".join)
cited_document = st.lists(st.one_of(block, st.tuples(inline, citation).map(" ".join)), min_size=1, max_size=8).map(
    "\n\n".join)


def render(text, link_mode=None):
    """HTML of `text` without our extension (None) or with it in the given glossary mode."""
    extensions = list(BASE_EXTENSIONS)
    if link_mode is not None:
        extension = KnowledgeExtension(KNOWLEDGE)
        extension.begin_page(PageContext(link_mode=link_mode))
        extensions.append(extension)
    return markdown.Markdown(extensions=extensions, extension_configs=CONFIGS).convert(text)


def tree(html):
    return etree.fromstring(f"<root>{html}</root>")


def is_math(element):
    """Math as python-markdown-math leaves it (a script), as the extension renders it, or as TeX it refused."""
    return element.tag == "script" or (element.get("class") or "") in ("kb-math", "kb-math-error")


def math_source(element):
    """A formula's TeX: KaTeX keeps it in the MathML's annotation."""
    annotation = element.find(".//{http://www.w3.org/1998/Math/MathML}annotation")
    return "".join((annotation if annotation is not None else element).itertext())


def visible_text(html):
    """The text a reader sees, less what the extension adds on purpose (paper badges, References) and math,
    whose TeX only the extension renders (`protected` compares the formulas)."""
    root = tree(html.split('<h2 id="references">')[0])
    for parent in list(root.iter()):
        for index, child in reversed(list(enumerate(parent))):
            if child.get("class") == "kb-paper-badge" or is_math(child):
                parent.remove(child)
                if index == 0:
                    parent.text = (parent.text or "") + (child.tail or "")
                else:
                    parent[index - 1].tail = (parent[index - 1].tail or "") + (child.tail or "")
    return " ".join("".join(root.itertext()).split())  # HTML collapses white space


def protected(html):
    """Text of code, headings and math (before References), which must never change."""
    root = tree(html.split('<h2 id="references">')[0])
    return [("math", math_source(element)) if is_math(element) else (element.tag, "".join(element.itertext()))
            for element in root.iter() if is_math(element) or element.tag in ("code", "pre", "h1", "h2", "h3")]


settings.register_profile("kb", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("kb")


@given(document)
def test_linking_keeps_visible_text_and_protected_elements(text):
    plain, linked = render(text), render(text, "all")
    assert visible_text(linked) == visible_text(plain)
    assert protected(linked) == protected(plain)
    root = tree(linked)
    for anchor in root.iter("a"):
        assert anchor.find(".//a") is None
    for element in root.iter():
        if element.tag in ("code", "pre", "h1", "h2", "h3") or is_math(element):
            assert not [a for a in element.iter("a") if "kb-term" in (a.get("class") or "")]


@given(document)
def test_first_mode_links_each_term_at_most_once(text):
    root = tree(render(text, "first"))
    targets = [a.get("href") for a in root.iter("a") if a.get("class") == "kb-term"]
    assert len(targets) == len(set(targets))


@given(cited_document)
def test_citations_change_only_the_citations(text):
    plain, cited = render(text), render(text, "off")
    labels = {paper.key: paper.citation_label for paper in PAPERS}

    def expected(match):
        return "(" + "; ".join(labels[key.strip().lstrip("@")] for key in match.group(1).split(";")) + ")"

    assert visible_text(cited) == re.sub(r"\[(@[^\]]+)\]", expected, visible_text(plain))
    assert protected(cited) == protected(plain)
