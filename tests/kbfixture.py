"""A small but complete knowledge base used by the build tests."""

# One work, for the bad-input cases.
PAPER = """\
- key: one2020first
  title: First
  authors: [Ann One]
  year: 2020
  url: https://arxiv.org/abs/2001.00001
"""

PAPERS = """\
# The registry of the fixture site.
- key: bai2022constitutional
  title: "Constitutional AI: Harmlessness from AI Feedback"
  authors: [Yuntao Bai, Saurav Kadavath, Sandipan Kundu]
  year: 2022
  url: https://arxiv.org/abs/2212.08073
  kind: paper
  tags: [alignment]
  summary: Training a harmless assistant from a list of principles instead of human labels.
- key: burns2022discovering
  title: Discovering Latent Knowledge in Language Models Without Supervision
  authors: [Collin Burns, Haotian Ye]
  year: 2022
  url: https://arxiv.org/abs/2212.03827
  doi: https://doi.org/10.48550/arXiv.2212.03827
  tags: [latent-knowledge]
- key: nanda2023mechanistic
  title: A Comprehensive Mechanistic Interpretability Explainer
  authors: [Neel Nanda]
  year: 2023
  url: https://www.neelnanda.io/mechanistic-interpretability/glossary
  kind: post
  tags: [interpretability]
- key: elhage2022toy
  title: Toy Models of Superposition
  authors: [Nelson Elhage, Tristan Hume, Catherine Olsson, Chris Olah]
  year: 2022
  url: https://transformer-circuits.pub/2022/toy_model/index.html
  arxiv: "2209.10652"
  tags: [interpretability, superposition]
"""

GLOSSARY = """\
# Terms of the fixture site.
- term: Reinforcement learning from human feedback
  aliases: [RLHF]
  short: Fine-tuning a model against a reward learned from human preference comparisons.
  definition: Training a model against a reward model fitted to human preference judgements.
  see_also: [Constitutional AI]
- term: Reinforcement learning
  definition: Learning to act by trial and error from a reward signal.
- term: Constitutional AI
  definition: Harmlessness training in which an AI critiques its own outputs against written principles. It uses RLHF-like training.
  papers: [bai2022constitutional]
- term: Superposition
  definition: A network representing more features than it has dimensions.
  papers: [elhage2022toy]
- term: Sparse autoencoder
  aliases: [SAE]
  definition: An autoencoder with a sparsity penalty, used to pull features out of superposition.
- term: C++
  definition: A programming language.
- term: GPT-4
  definition: A large language model from OpenAI.
- term: Q&A
  definition: Question answering.
- term: Approach
  definition: A way of doing something.
"""

RLHF_NOTE = """\
---
title: RLHF and its limits
summary: How reinforcement learning from human feedback works and where it breaks.
tags: [alignment]
order: 2
---

Reinforcement learning from human feedback is the usual recipe [@bai2022constitutional].
Later mentions of reinforcement learning from human feedback are not linked in first mode.
Plain reinforcement learning is a different term. RLHF is its acronym; rlhf in lower case is not.

Two works at once [@bai2022constitutional; @burns2022discovering], one author [@nanda2023mechanistic],
an escaped \\[@bai2022constitutional] and an e-mail someone@example.com stay as they are.

Sparse autoencoders and approaches use plurals; C++ and GPT-4 and Q&A match literally.

## Superposition in a heading

`Superposition in code` and:

```python
superposition = "in a fence"  # [@elhage2022toy]
```

A [link about superposition](https://example.com/) is left alone, and $superposition + x$ is math.
The toy model is at [the arXiv abstract](https://arxiv.org/pdf/2209.10652v3.pdf).

See [[Constitutional AI]], [[RLHF|the feedback recipe]] and [[Superposition notes]], and
[[Superposition notes#The toy model]].
"""

SUPERPOSITION_NOTE = """\
---
title: Superposition notes
summary: Features stored in fewer dimensions than there are features.
tags: [interpretability]
order: 1
glossary_links: all
---

Superposition means $h = Wx$ and then

$$x' = \\mathrm{ReLU}(W^T h + b)$$

Superposition again, and superposition a third time.

## The toy model

Twenty features into five dimensions [@elhage2022toy]. Back to [the RLHF note](../safety/rlhf-limits.md).
"""

EXTRA_NOTE = """\
---
title: Another safety note
summary: A second note, to check ordering by title.
---

Nothing to link here except reinforcement learning.
"""

READING_LIST = """\
---
title: Starter reading list
summary: Four works to start with.
---

## Week 1

- [@bai2022constitutional] — how a constitution replaces human labels.
- [@burns2022discovering]

## Week 2

- [@nanda2023mechanistic]
- [@elhage2022toy] — the toy models.
"""

FILES = {
    "papers.yml": PAPERS,
    "glossary.yml": GLOSSARY,
    "notes/safety/rlhf-limits.md": RLHF_NOTE,
    "notes/safety/another.md": EXTRA_NOTE,
    "notes/interpretability/superposition.md": SUPERPOSITION_NOTE,
    "notes/reading-lists/starter.md": READING_LIST,
}
