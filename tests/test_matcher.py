"""The term matcher over a table of tricky cases."""
import pytest

from kbsite.matcher import TermMatcher, plural

TERMS = [
    ("Reinforcement learning from human feedback", "rlhf"), ("RLHF", "rlhf"),
    ("Reinforcement learning", "rl"), ("Language model", "lm"), ("Large language model", "llm"),
    ("LLM", "llm"), ("Autoencoder", "ae"), ("Approach", "approach"), ("Policy", "policy"),
    ("C++", "cpp"), ("GPT-4", "gpt4"), ("k-NN", "knn"), ("Q&A", "qa"), ("ELK", "elk"),
    ("Café", "cafe"), ("Straße", "strasse"), ("Superposition", "sup"), ("Debate", "debate"),
]


def found(text):
    matcher = TermMatcher(TERMS)
    return [(text[match.start:match.end], match.term_id) for match in matcher.find(text)]


@pytest.mark.parametrize("text, expected", [
    ("reinforcement learning from human feedback works", [("reinforcement learning from human feedback", "rlhf")]),
    ("plain reinforcement learning.", [("reinforcement learning", "rl")]),
    ("A large language model and a language model", [("large language model", "llm"), ("language model", "lm")]),
    ("RLHF, not rlhf nor Rlhf", [("RLHF", "rlhf")]),
    ("ELK and elk", [("ELK", "elk")]),
    ("LLMs are large", [("LLMs", "llm")]),
    ("autoencoders and approaches and policies", [("autoencoders", "ae"), ("approaches", "approach"), ("policies", "policy")]),
    ("superpositions? no: superpositional", [("superpositions", "sup")]),
    ("C++ and C and c++", [("C++", "cpp"), ("c++", "cpp")]),
    ("GPT-4 vs GPT-40 vs GPT-4o", [("GPT-4", "gpt4")]),
    ("use k-NN here", [("k-NN", "knn")]),
    ("a Q&A session", [("Q&A", "qa")]),
    ("Superposition", [("Superposition", "sup")]),
    ("(Superposition)", [("Superposition", "sup")]),
    ("superposition-based", [("superposition", "sup")]),
    ("unsuperposition", []),
    ("Café au lait, café", [("Café", "cafe"), ("café", "cafe")]),
    ("İstanbul debate", [("debate", "debate")]),
    ("Die Straße", [("Straße", "strasse")]),
    ("debate debate", [("debate", "debate"), ("debate", "debate")]),
    ("RLHFRLHF debate_x", []),
    ("", []),
])
def test_matcher_cases(text, expected):
    assert found(text) == expected


def test_plural_rules():
    assert [plural(word) for word in ("model", "approach", "bias", "policy", "day", "GPT-4")] == [
        "models", "approaches", "biases", "policies", "days", None]


def test_empty_glossary_matches_nothing():
    assert TermMatcher([]).find("anything at all") == []


def test_regex_characters_are_literal():
    matcher = TermMatcher([("a.b", "dot"), ("(x)", "paren"), ("[y]", "bracket")])
    text = "axb a.b (x) [y]"
    assert [text[m.start:m.end] for m in matcher.find(text)] == ["a.b", "(x)", "[y]"]
