"""Generate a synthetic knowledge base of a chosen size, deterministically from a seed.

    python benchmarks/generate.py --size M --out /tmp/kb-M
    python benchmarks/generate.py --notes 500 --terms 300 --works 400 --seed 7 --out /tmp/kb

The output folder is a whole site, built with `mkdocs build` from inside it:

    mkdocs.yml      the project's mkdocs.yml with the hook and the watched `hooks` folder made absolute
    docs/index.md   a home page with the statistics marker
    notes/<section>/<slug>.md   N notes of 600-1000 words over 2-16 section folders
    glossary.yml    T terms: single and multi-word, acronym aliases, terms with `-`, `+` and `&`
    papers.yml      P works with keys like `smith2020word`

Every note has front matter (title, summary, tags), `##` headings, a fenced code block, inline
code, inline and display math, a bulleted and a numbered list, mentions ~20 glossary terms, cites
~5 works (`[@key]`, once as a pair `[@a; @b]`, sometimes as a plain link to the work's URL) and
links two other notes with `[[Title]]`. The formats follow hooks/kbsite/{notes,glossary,papers}.py;
a generated site builds without a single warning from the hook.

`write_plain` turns a generated site into the same pages for a plain MkDocs build: the notes copied
into docs/ as ordinary pages, and the configuration without the hook.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import string
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]

SIZES = {
    # name: (notes, glossary terms, works)
    "XS": (20, 20, 20),
    "S": (200, 200, 300),
    "M": (2000, 1000, 2000),
    "L": (5000, 5000, 5000),
}

# Regenerate whenever this file changes.
GENERATOR_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]

SECTIONS = [
    "alignment-theory", "interpretability", "evaluations", "governance", "robustness", "reward-learning",
    "oversight", "agents", "forecasting", "training-dynamics", "security", "deception", "cooperation",
    "benchmarks", "control", "theory",
]
TAGS = ["alignment", "interpretability", "evals", "governance", "robustness", "rlhf", "oversight", "agents",
        "forecasting", "scaling", "security", "deception", "cooperation", "benchmarks", "control", "theory",
        "superposition", "probing", "red-teaming", "policy"]

# --- vocabulary of glossary terms (kept apart from the filler prose below) ---------------------
PREFIXES = ["Auto", "Meta", "Hyper", "Neuro", "Proto", "Micro", "Multi", "Counter", "Over", "Under", "Inter",
            "Trans", "Para", "Pseudo", "Semi", "Super", "Ultra", "Omni", "Retro", "Poly", "Endo", "Exo", "Iso",
            "Mono"]
ROOTS = ["probe", "gradient", "circuit", "encoder", "policy", "reward", "feature", "token", "critic", "planner",
         "verifier", "sampler", "router", "monitor", "tracer", "filter", "scorer", "learner", "optimiser",
         "regulariser", "embedding", "attention", "decoder", "memory", "agent", "oracle", "labeller", "debater",
         "judge", "simulator", "predictor", "classifier", "detector", "editor", "patcher", "ranker", "selector",
         "tokeniser", "head", "neuron"]
ADJECTIVES = ["sparse", "causal", "adversarial", "latent", "contrastive", "recursive", "myopic", "corrigible",
              "deceptive", "scalable", "iterated", "mechanistic", "linear", "hierarchical", "amortised",
              "distributional", "counterfactual", "emergent", "implicit", "modular", "stochastic", "bounded",
              "conservative", "cooperative", "factored", "grounded", "inverse", "low-rank", "multi-agent",
              "offline", "preference-based", "reward-free", "self-supervised", "sequential", "situational",
              "structural", "symbolic", "targeted", "temporal", "weak-to-strong", "zero-shot", "few-shot",
              "path-dependent", "goal-directed", "value-aligned", "high-stakes", "low-stakes", "red-team",
              "debate-based", "process-based", "outcome-based", "chain-of-thought", "in-context", "out-of-distribution",
              "model-based", "sample-efficient", "gradient-free", "non-myopic", "open-ended", "power-seeking"]
NOUNS = ["probing", "steering", "oversight", "debate", "amplification", "attribution", "patching", "ablation",
         "distillation", "evaluation", "elicitation", "specification", "generalisation", "optimisation",
         "interpretability", "alignment", "supervision", "imitation", "exploration", "deployment", "monitoring",
         "auditing", "sandbagging", "collusion", "gradient hacking", "reward hacking", "tampering", "shielding",
         "calibration", "abstraction", "decomposition", "verification", "recursion", "aggregation",
         "extrapolation", "compression", "memorisation", "planning", "search", "inference", "representation",
         "feedback", "critique", "forecasting", "benchmarking", "red-teaming", "unlearning", "fine-tuning",
         "pretraining", "scaffolding", "routing", "transcoding", "retrieval", "regularisation", "pruning",
         "quantisation", "editing", "tracing", "localisation", "control"]
ACRONYM_PARTS = ["SFT", "RL", "KL", "PPO", "DPO", "SAE", "LLM", "RM", "CoT", "MoE", "ICL", "IRL", "KTO", "ORM",
                 "PRM", "LoRA"]

# --- filler prose ------------------------------------------------------------------------------
SUBJECTS = ["the model", "a small transformer", "the training run", "the policy", "our baseline", "the lab",
            "the research community", "a careful evaluator", "the deployed system", "the reference model",
            "a larger model", "the dataset", "the experiment", "the standard recipe", "this approach"]
VERBS = ["changes", "improves", "undermines", "clarifies", "complicates", "explains", "predicts", "constrains",
         "reveals", "hides", "amplifies", "weakens", "supports", "tests", "measures"]
OBJECTS = ["the loss landscape", "what the model knows", "the gap between training and deployment",
           "the behaviour we care about", "the failure modes of simple fixes", "how capabilities scale",
           "the incentives during training", "the reliability of human labels", "the internal computation",
           "the distribution shift at test time", "the cost of oversight", "the quality of the final answer",
           "the structure of the residual stream", "the trade-off between helpfulness and harmlessness"]
OPENERS = ["In practice,", "At first sight,", "More precisely,", "Put simply,", "In our experience,",
           "Empirically,", "On the other hand,", "For this reason,", "In the simplest setting,", "Crucially,",
           "As a result,", "Surprisingly,", "Historically,", "In most write-ups,", "Taken together,"]
FILLER = [
    "{opener} {subject} {verb} {object}, which is easy to miss when only headline numbers are reported.",
    "{opener} the effect is small at first and grows with scale, so early experiments can mislead.",
    "It is tempting to treat this as solved, but {subject} {verb} {object} in ways nobody predicted.",
    "A useful sanity check is to repeat the measurement with a different seed and compare the variance.",
    "{opener} {subject} {verb} {object}; the disagreement between runs is itself informative.",
    "None of this requires exotic hardware: a single GPU and an afternoon are enough to reproduce the trend.",
    "The question is not whether {subject} works, but under which conditions it stops working.",
    "{opener} most of the difficulty lies in choosing what to measure rather than in measuring it.",
    "Several groups reported the same pattern independently, which makes a coincidence unlikely.",
    "{opener} {subject} {verb} {object}, and the size of the effect depends on the prompt format.",
    "This matters because an evaluator who cannot see the failure cannot penalise it.",
    "We return to this point below, after introducing the notation.",
]
TERM_SENTENCES = [
    "{opener} {term} {verb} {object}.",
    "The clearest example is {term}, which {verb} {object} without any change to the architecture.",
    "Researchers often contrast {term} with {term2}, although the two are closely related.",
    "{opener} {term} is best understood as a special case of {term2}.",
    "A common mistake is to assume that {term} {verb} {object} on its own.",
    "Work on {term} suggests that {subject} {verb} {object}.",
    "When {term} fails, it usually fails quietly: {subject} still {verb} {object}.",
    "{opener} the literature on {term} is larger than its influence on practice.",
    "The combination of {term} and {term2} {verb} {object} more than either does alone.",
    "One reading of {term} is that it {verb} {object}; another is that it merely relabels the problem.",
]
CITED_SENTENCES = [
    "This was first shown in a controlled setting, where {subject} {verb} {object}",
    "Later work replicated the result at a larger scale",
    "A careful ablation isolates the contribution of each component",
    "The same pattern appears in open-weight models",
    "A survey collects the open problems in one place",
]
HEADINGS = ["Background", "The core idea", "How it is measured", "A worked example", "Where it breaks",
            "Open problems", "Why it matters for safety", "Related approaches", "Practical advice",
            "What the evidence says", "Formal setting", "Common misconceptions", "Further directions",
            "Relation to other work"]
CODE_SNIPPETS = [
    '''import torch

def {name}(model, batch, coef={coef}):
    """Return the loss with a penalty on the hidden activations."""
    logits, hidden = model(batch["input_ids"], return_hidden=True)
    loss = torch.nn.functional.cross_entropy(logits, batch["labels"])
    penalty = hidden.abs().mean()
    return loss + coef * penalty''',
    '''def {name}(scores, threshold={coef}):
    """Flag the examples whose score exceeds the threshold."""
    flagged = [index for index, score in enumerate(scores) if score > threshold]
    print(f"{{len(flagged)}} of {{len(scores)}} examples flagged")
    return flagged''',
    '''import numpy as np

def {name}(activations, direction):
    """Project activations onto a unit direction and return the scalar readings."""
    direction = direction / np.linalg.norm(direction)
    return activations @ direction * {coef}''',
]
INLINE_CODE = ["`torch.nn.Module`", "`loss.backward()`", "`model.generate()`", "`top_k=40`", "`temperature=0.7`",
               "`np.linalg.svd`", "`datasets.load_dataset`", "`seed=0`", "`fp16`", "`max_new_tokens`"]
INLINE_MATH = ["$r_\\phi(x, y)$", "$\\pi_\\theta$", "$\\beta$", "$h = Wx$", "$\\mathcal{L}(\\theta)$",
               "$d_{\\text{model}}$", "$k \\ll n$", "$p(y \\mid x)$", "$\\lambda \\|h\\|_1$"]
DISPLAY_MATH = [
    "$$\\max_\\theta \\; \\mathbb{E}_{x,\\,y \\sim \\pi_\\theta}\\big[r_\\phi(x,y)\\big] - \\beta\\, "
    "\\mathrm{KL}\\big(\\pi_\\theta \\,\\|\\, \\pi_{\\text{ref}}\\big)$$",
    "$$P(a \\succ b \\mid x) = \\sigma\\big(r_\\phi(x, a) - r_\\phi(x, b)\\big)$$",
    "$$\\mathcal{L}(x) = \\|x - W_d\\,\\mathrm{ReLU}(W_e x + b_e)\\|_2^2 + \\lambda \\|\\mathrm{ReLU}(W_e x + b_e)\\|_1$$",
    "$$L(N, D) = E + \\frac{A}{N^{\\alpha}} + \\frac{B}{D^{\\beta}}$$",
]
FIRST_NAMES = ["Alice", "Ben", "Chen", "Dana", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kavya", "Liam",
               "Maya", "Nikolai", "Olu", "Priya", "Quentin", "Rosa", "Samir", "Tess", "Uma", "Victor", "Wen",
               "Xavier", "Yara", "Zoe", "Amir", "Beatriz", "Carlos", "Dmitri", "Emma", "Felix", "Hana", "Ivan",
               "Julia", "Kenji", "Lena", "Marco", "Nadia", "Oscar"]
SURNAMES = ["Smith", "Chen", "Garcia", "Muller", "Tanaka", "Okafor", "Novak", "Rossi", "Kowalski", "Nguyen",
            "Silva", "Larsen", "Haddad", "Ivanova", "Patel", "Kim", "Johansson", "Moreau", "Schmidt", "Costa",
            "Fischer", "Yamamoto", "Andersen", "Dubois", "Lopez", "Weber", "Sato", "Khan", "Cohen", "Ali",
            "Becker", "Horvath", "Popescu", "Martin", "Jensen", "Ortiz", "Singh", "Zhang", "Wang", "Li",
            "Murphy", "Kelly", "Walsh", "Brennan", "Hughes", "Price", "Russo", "Greco", "Bauer", "Wolf"]
VENUES = ["NeurIPS", "ICML", "ICLR", "ACL", "EMNLP", "AAAI", "TMLR", "COLM", "FAccT", "arXiv preprint"]
BLOGS = ["alignmentforum.org/posts", "lesswrong.com/posts", "transformer-circuits.pub/2024", "blog.example.org",
         "distill.pub/2021", "safety-notes.example.net/essays"]
TITLE_WORDS = ["Towards", "Measuring", "Understanding", "Scaling", "Learning", "Evaluating", "Discovering",
               "Steering", "Training", "Detecting", "Interpreting", "Mitigating", "Eliciting", "Auditing"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _slug(text: str) -> str:
    text = text.replace("+", " plus ").replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _qlist(values) -> str:
    return "[" + ", ".join(_q(value) for value in values) + "]"


# --- works --------------------------------------------------------------------------------------
def make_works(count: int, rng: random.Random) -> list:
    works, keys, arxiv_ids, urls = [], set(), set(), set()
    while len(works) < count:
        year = rng.randint(2012, 2025)
        authors = [f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}" for _ in range(rng.choice([1, 1, 2, 3, 4, 6]))]
        title = (f"{rng.choice(TITLE_WORDS)} {_cap(rng.choice(ADJECTIVES))} {_cap(rng.choice(NOUNS))} "
                 f"in {rng.choice(['Language Models', 'Transformers', 'Deep Networks', 'RL Agents', 'Large Models', 'Toy Models'])}")
        words = [word.lower() for word in re.findall(r"[A-Za-z]+", title) if len(word) > 3]
        surname = re.sub(r"[^a-z]", "", authors[0].split()[-1].lower())
        key = next((f"{surname}{year}{word}" for word in words if f"{surname}{year}{word}" not in keys), None)
        suffix = 0
        while key is None or key in keys:
            suffix += 1
            key = f"{surname}{year}{words[0]}{string.ascii_lowercase[suffix % 26]}{suffix // 26 or ''}"
        arxiv = None
        if rng.random() < 0.7 and year >= 2013:
            while True:
                digits = 5 if year >= 2015 else 4
                candidate = f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(1, 10 ** digits - 1):0{digits}d}"
                if candidate not in arxiv_ids:
                    break
            arxiv_ids.add(candidate)
            arxiv = candidate
            url = f"https://arxiv.org/abs/{arxiv}"
            kind = "paper"
            venue = rng.choice(VENUES)
        else:
            url = f"https://{rng.choice(BLOGS)}/{key}"
            kind = rng.choice(["post", "post", "post", "talk", "video", "book", "podcast"])
            venue = "" if kind != "talk" else rng.choice(VENUES)
        if url in urls:
            continue
        keys.add(key)
        urls.add(url)
        summary = (f"Shows that {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}, "
                   f"with experiments on {rng.randint(2, 12)} model sizes. The results are robust to the choice of "
                   f"{rng.choice(['dataset', 'prompt format', 'optimiser', 'seed'])}.")
        works.append({"key": key, "title": title, "authors": authors, "year": year, "url": url, "arxiv": arxiv,
                      "venue": venue, "kind": kind, "tags": rng.sample(TAGS, rng.randint(1, 3)), "summary": summary})
    return works


def works_yaml(works: list) -> str:
    out = ["# Synthetic registry generated by benchmarks/generate.py.", ""]
    for work in works:
        out.append(f"- key: {work['key']}")
        out.append(f"  title: {_q(work['title'])}")
        out.append(f"  authors: {_qlist(work['authors'])}")
        out.append(f"  year: {work['year']}")
        out.append(f"  url: {work['url']}")
        if work["arxiv"]:
            out.append(f"  arxiv: {_q(work['arxiv'])}")
        if work["venue"]:
            out.append(f"  venue: {_q(work['venue'])}")
        out.append(f"  kind: {work['kind']}")
        out.append(f"  tags: {_qlist(work['tags'])}")
        out.append(f"  summary: {_q(work['summary'])}")
        out.append("")
    return "\n".join(out)


# --- glossary -----------------------------------------------------------------------------------
def _term_names(count: int, rng: random.Random) -> list:
    """`count` distinct names: ~15% single words, ~5% with `+` or `&`, the rest multi-word."""
    singles = [prefix + root for prefix in PREFIXES for root in ROOTS]
    doubles = [f"{adj} {noun}" for adj in ADJECTIVES for noun in NOUNS]
    specials = ([f"{_cap(root)}++" for root in ROOTS]
                + [f"{a}&{b} {noun}" for a in "RQPMT" for b in "DAEL" if a != b for noun in NOUNS]
                + [f"{a}+{b} {noun}" for a in ACRONYM_PARTS for b in ACRONYM_PARTS if a != b for noun in NOUNS[:12]])
    for pool in (singles, doubles, specials):
        rng.shuffle(pool)
    names, triples_made = [], 0
    for index in range(count):
        roll = (index * 37) % 100  # a fixed mix, whatever the count
        if roll < 15 and singles:
            names.append(singles.pop())
        elif roll < 20 and specials:
            names.append(specials.pop())
        elif doubles:
            names.append(_cap(doubles.pop()))
        else:
            triples_made += 1
            names.append(_cap(f"{rng.choice(ADJECTIVES)} {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"))
    return names


def make_terms(count: int, works: list, rng: random.Random) -> list:
    terms, taken_forms = [], set()
    candidates = _term_names(count * 2 + 10, rng)
    for name in candidates:
        if len(terms) == count:
            break
        term_id = _slug(name)
        if not term_id or name.casefold() in taken_forms or term_id in taken_forms:
            continue
        forms = {name.casefold(), term_id}
        aliases = []
        words = re.findall(r"[A-Za-z]+", name)
        if len(words) >= 2 and "&" not in name and "+" not in name and rng.random() < 0.35:
            acronym = "".join(word[0] for word in words).upper()
            if len(acronym) >= 2 and acronym.casefold() not in taken_forms and acronym.casefold() not in forms:
                aliases.append(acronym)
                forms.add(acronym.casefold())
        taken_forms |= forms
        terms.append({"term": name, "id": term_id, "aliases": aliases})
    names = [term["term"] for term in terms]
    for index, term in enumerate(terms):
        other = names[(index * 7 + 3) % len(names)] if len(names) > 1 else None
        sentence = (f"A technique in which {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
                    f"by making the relevant signal explicit during training.")
        follow = (f" It is often discussed together with {other.lower() if other[:1].isupper() and other[1:2].islower() else other}"
                  f" and tends to matter most at {rng.choice(['large scale', 'deployment time', 'the end of training', 'evaluation time'])}."
                  if other and other != term["term"] else "")
        term["definition"] = sentence + follow
        term["short"] = f"Shorthand for a method that {rng.choice(VERBS)} {rng.choice(OBJECTS)}." if rng.random() < 0.5 else ""
        term["see_also"] = [names[(index * 13 + k * 5 + 1) % len(names)] for k in range(rng.randint(0, 2))
                            if names[(index * 13 + k * 5 + 1) % len(names)] != term["term"]]
        term["papers"] = ([work["key"] for work in rng.sample(works, min(len(works), rng.randint(1, 2)))]
                          if works and rng.random() < 0.2 else [])
        term["tags"] = rng.sample(TAGS, rng.randint(0, 2))
    return terms


def terms_yaml(terms: list) -> str:
    out = ["# Synthetic glossary generated by benchmarks/generate.py.", ""]
    for term in terms:
        out.append(f"- term: {_q(term['term'])}")
        if term["aliases"]:
            out.append(f"  aliases: {_qlist(term['aliases'])}")
        if term["short"]:
            out.append(f"  short: {_q(term['short'])}")
        out.append(f"  definition: {_q(term['definition'])}")
        if term["see_also"]:
            out.append(f"  see_also: {_qlist(dict.fromkeys(term['see_also']))}")
        if term["papers"]:
            out.append(f"  papers: {_qlist(term['papers'])}")
        if term["tags"]:
            out.append(f"  tags: {_qlist(term['tags'])}")
        out.append("")
    return "\n".join(out)


# --- notes --------------------------------------------------------------------------------------
def _surface(term: dict, rng: random.Random) -> str:
    """How a note mentions a term: its name (lower-cased mid-sentence), sometimes its acronym or plural."""
    if term["aliases"] and rng.random() < 0.3:
        return term["aliases"][0]
    name = term["term"]
    caps = sum(1 for char in name if char.isupper())
    form = name[0].lower() + name[1:] if caps == 1 and name[0].isupper() else name
    if (rng.random() < 0.3 and " " not in form and form[-1].isalpha()
            and not form.endswith(("s", "x", "z", "ch", "sh", "y"))):
        form += "s"
    return form


def make_note_titles(count: int, rng: random.Random) -> list:
    titles, seen = [], set()
    patterns = ["{A} {n} and {a2} {n2}", "How {a} {n} shapes {n2}", "{A} {n} in practice: {n2} at scale",
                "Notes on {a} {n} for {n2}", "What {a} {n} tells us about {n2}"]
    while len(titles) < count:
        pattern = rng.choice(patterns)
        title = pattern.format(A=_cap(rng.choice(ADJECTIVES)), a=rng.choice(ADJECTIVES), a2=rng.choice(ADJECTIVES),
                               n=rng.choice(NOUNS), n2=rng.choice(NOUNS))
        if title.casefold() in seen:
            title = f"{title} ({len(titles) + 1})"
        seen.add(title.casefold())
        titles.append(title)
    return titles


class _NoteWriter:
    def __init__(self, rng: random.Random, terms: list, cites: list, works: dict):
        self.rng = rng
        self.terms = list(terms)  # to mention, in order
        self.mentioned: list = []
        self.cites = list(cites)
        self.works = works
        self.urgent = False  # past the word budget: place the remaining citations first

    def _filler(self) -> str:
        rng = self.rng
        return rng.choice(FILLER).format(opener=rng.choice(OPENERS), subject=rng.choice(SUBJECTS),
                                         verb=rng.choice(VERBS), object=rng.choice(OBJECTS))

    def _term(self) -> str:
        term = self.terms.pop() if self.terms else self.rng.choice(self.mentioned)
        if term not in self.mentioned:
            self.mentioned.append(term)
        return _surface(term, self.rng)

    def sentence(self) -> str:
        rng = self.rng
        if self.cites and (self.urgent or rng.random() < 0.18):
            keys = [self.cites.pop()]
            if self.cites and len(self.cites) % 3 == 0:
                keys.append(self.cites.pop())
            body = rng.choice(CITED_SENTENCES).format(subject=rng.choice(SUBJECTS), verb=rng.choice(VERBS),
                                                      object=rng.choice(OBJECTS))
            return body + " [" + "; ".join(f"@{key}" for key in keys) + "]."
        if self.terms or (self.mentioned and rng.random() < 0.25):
            template = rng.choice(TERM_SENTENCES)
            text = template.format(opener=rng.choice(OPENERS), term="{term}", term2="{term2}",
                                   subject=rng.choice(SUBJECTS), verb=rng.choice(VERBS), object=rng.choice(OBJECTS))
            text = text.replace("{term}", self._term(), 1)
            if "{term2}" in text:
                text = text.replace("{term2}", self._term(), 1)
            return _cap(text)
        return self._filler()

    def paragraph(self, sentences: int) -> str:
        parts = [self.sentence() for _ in range(sentences)]
        rng = self.rng
        if rng.random() < 0.5:
            parts.insert(rng.randrange(len(parts) + 1),
                         f"We write {rng.choice(INLINE_MATH)} for the quantity of interest and call {rng.choice(INLINE_CODE)} to compute it.")
        return " ".join(parts)


def make_note(index: int, title: str, section: str, rng: random.Random, terms: list, cited: list, works: dict,
              links: list) -> str:
    cited = list(cited)
    linked = works[cited.pop()] if index % 3 == 0 and cited else None
    writer = _NoteWriter(rng, terms, cited, works)
    target_words = rng.randint(600, 860)
    headings = rng.sample(HEADINGS, rng.randint(3, 5))
    summary = (f"What {rng.choice(SUBJECTS)} {rng.choice(VERBS)} when we look closely at "
               f"{title[0].lower() + title[1:]}, and why it matters for "
               f"{rng.choice(['alignment', 'evaluations', 'governance', 'interpretability'])}.")
    lines = ["---", f"title: {_q(title)}", f"summary: {_q(summary)}", f"tags: {_qlist(rng.sample(TAGS, rng.randint(2, 4)))}",
             "---", ""]
    lines += [writer.paragraph(rng.randint(4, 6)), ""]
    link_text = " and ".join(f"[[{other}]]" for other in links)
    if link_text:
        lines += [f"This note builds on {link_text}, which introduce the vocabulary used below.", ""]
    words = sum(len(line.split()) for line in lines[6:])
    for number, heading in enumerate(headings):
        lines += [f"## {heading}", ""]
        if number == 0:
            lines += [writer.paragraph(rng.randint(4, 6)), "", "The main points are:", ""]
            lines += [f"- {writer.sentence()}" for _ in range(rng.randint(3, 5))] + [""]
        elif number == 1:
            lines += [writer.paragraph(rng.randint(3, 5)), "", "Formally, the objective reads", "",
                      rng.choice(DISPLAY_MATH), "",
                      f"where {rng.choice(INLINE_MATH)} is fixed and {rng.choice(INLINE_MATH)} is learned.", ""]
        elif number == 2:
            name = f"{rng.choice(['penalised', 'flag', 'project'])}_{rng.choice(['loss', 'examples', 'activations'])}_{index}"
            lines += [writer.paragraph(rng.randint(3, 5)), "", "A minimal implementation:", "", "```python",
                      rng.choice(CODE_SNIPPETS).format(name=name, coef=round(rng.uniform(0.01, 0.9), 3)), "```", "",
                      "The steps, in order:", ""]
            lines += [f"{k}. {writer.sentence()}" for k in range(1, rng.randint(3, 4) + 1)] + [""]
        else:
            lines += [writer.paragraph(rng.randint(4, 6)), ""]
        words = sum(len(line.split()) for line in lines[6:])
    while words < target_words or writer.terms or writer.cites:
        writer.urgent = words >= target_words
        lines += [writer.paragraph(rng.randint(4, 6) if not writer.urgent else 3), ""]
        words = sum(len(line.split()) for line in lines[6:])
    if linked is not None:  # a plain link to a registry work's URL also counts as citing it
        lines += [f"The original write-up, [{linked['title']}]({linked['url']}), is worth reading in full.", ""]
    return "\n".join(lines)


def home_page(notes: int, terms: int, works: int, plain: bool = False) -> str:
    """The home page; the plain variant has no glossary or paper pages to link to."""
    see = "" if plain else " See the [glossary](glossary/index.md) and the [papers](papers/index.md)."
    return ("---\ntitle: Synthetic knowledge base\nhide:\n  - navigation\n---\n\n# Synthetic knowledge base\n\n"
            f"A generated corpus of {notes} notes, {terms} glossary terms and {works} works for benchmarking "
            f"the site build.{see}\n\n## Sections\n\n<!-- kb:stats -->\n")


def site_config() -> str:
    """The project's mkdocs.yml with the watched `hooks` folder made absolute, without the project's
    `section_order` (it names the project's section folders)."""
    text = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    text = "".join(line for line in text.splitlines(keepends=True) if not line.strip().startswith("section_order:"))
    return text.replace("\n  - hooks\n", f"\n  - {PROJECT / 'hooks'}\n")


def drop_plugin(config_text: str, name: str) -> str:
    """mkdocs.yml text without the plugin `name` (its `- name` item under `plugins:` and its options)."""
    out, skipping = [], False
    for line in config_text.splitlines(keepends=True):
        item = re.match(r"  - ([A-Za-z0-9_/-]+):?\s*$", line)
        if item or not line.startswith("    "):
            skipping = bool(item) and item.group(1) == name
        if not skipping:
            out.append(line)
    return "".join(out)


def drop_top_level(config_text: str, keys) -> str:
    """mkdocs.yml text without the top-level blocks `keys` (e.g. `hooks`, `watch`)."""
    out, skipping = [], False
    for line in config_text.splitlines(keepends=True):
        top = re.match(r"([A-Za-z_][A-Za-z0-9_]*):", line)
        if top:
            skipping = top.group(1) in keys
        if not skipping:
            out.append(line)
    return "".join(out)


def generate(out: Path, notes: int, terms: int, works: int, seed: int = 1) -> dict:
    """Write a whole site to `out` (replacing what was there); return its description."""
    out = Path(out)
    params = {"notes": notes, "terms": terms, "works": works, "seed": seed, "version": GENERATOR_VERSION}
    stamp = out / ".generated.json"
    if stamp.is_file() and json.loads(stamp.read_text()) == params and (out / "mkdocs.yml").is_file():
        return params
    if out.exists():
        shutil.rmtree(out)
    work_list = make_works(works, random.Random(f"{seed}-works"))
    term_list = make_terms(terms, work_list, random.Random(f"{seed}-terms"))
    works_by_key = {work["key"]: work for work in work_list}
    sections = SECTIONS[:max(1, min(len(SECTIONS), (notes + 9) // 10))]
    titles = make_note_titles(notes, random.Random(f"{seed}-titles"))
    slugs: set = set()
    (out / "docs").mkdir(parents=True)
    for section in sections:
        (out / "notes" / section).mkdir(parents=True)
    for index, title in enumerate(titles):
        note_rng = random.Random(f"{seed}-note-{index}")
        section = sections[index % len(sections)]
        slug = _slug(title)[:80].strip("-")
        while f"{section}/{slug}" in slugs:
            slug += "-x"
        slugs.add(f"{section}/{slug}")
        mentioned = note_rng.sample(term_list, min(len(term_list), 20))
        cited = [work["key"] for work in note_rng.sample(work_list, min(len(work_list), 5))]
        links = [titles[other] for other in note_rng.sample(range(notes), min(notes, 3)) if other != index][:2]
        text = make_note(index, title, section, note_rng, mentioned, cited, works_by_key, links)
        (out / "notes" / section / f"{slug}.md").write_text(text + "\n", encoding="utf-8")
    (out / "glossary.yml").write_text(terms_yaml(term_list), encoding="utf-8")
    (out / "papers.yml").write_text(works_yaml(work_list), encoding="utf-8")
    (out / "docs" / "index.md").write_text(home_page(notes, len(term_list), len(work_list)), encoding="utf-8")
    (out / "mkdocs.yml").write_text(site_config(), encoding="utf-8")
    stamp.write_text(json.dumps(params))
    return params


def with_lunr_search(config_text: str) -> str:
    """mkdocs.yml text with Material's search plugin (lunr), which a site without our hook uses."""
    if not re.search(r"^plugins:\n", config_text, flags=re.M):
        raise ValueError("mkdocs.yml has no plugins list")
    return re.sub(r"^plugins:\n", "plugins:\n  - search\n", config_text, count=1, flags=re.M)


def write_plain(site: Path, out: Path) -> Path:
    """The same notes as ordinary MkDocs pages (docs/<section>/<slug>.md), configured without the `kb` plugin."""
    site, out = Path(site), Path(out)
    stamp = json.loads((site / ".generated.json").read_text())
    own = out / ".generated.json"
    if own.is_file() and json.loads(own.read_text()) == stamp and (out / "mkdocs.yml").is_file():
        return out
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(site / "docs", out / "docs")
    (out / "docs" / "index.md").write_text(home_page(stamp["notes"], stamp["terms"], stamp["works"], plain=True),
                                           encoding="utf-8")
    for section in sorted(os.listdir(site / "notes")):
        shutil.copytree(site / "notes" / section, out / "docs" / section)
    config = drop_plugin(drop_top_level((site / "mkdocs.yml").read_text(encoding="utf-8"), {"watch"}), "kb")
    config = with_lunr_search(config)  # plain Material searches with its own plugin
    (out / "mkdocs.yml").write_text(config, encoding="utf-8")
    own.write_text(json.dumps(stamp))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), help="a preset size (notes, terms, works)")
    parser.add_argument("--notes", type=int)
    parser.add_argument("--terms", type=int)
    parser.add_argument("--works", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plain", type=Path, help="also write the plain-MkDocs variant to this folder")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    notes, terms, works = SIZES[args.size] if args.size else (200, 200, 300)
    notes, terms, works = args.notes or notes, args.terms or terms, args.works or works
    generate(args.out, notes, terms, works, args.seed)
    if args.plain:
        write_plain(args.out, args.plain)
    print(f"wrote {notes} notes, {terms} terms, {works} works to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
