"""Draw the site's figures from the published numbers in data.yml, as SVG files in docs/assets/figures/.

Run with `make figures` (it installs the `figures` extra: matplotlib is not needed to build the site).
The output is deterministic, so a re-run with unchanged data changes no file.
"""
from __future__ import annotations

import math
from pathlib import Path

import matplotlib
import yaml

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402 (the backend is chosen first)
import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "docs" / "assets" / "figures"
# An opaque light card with dark text reads the same in the site's light and dark schemes;
# the colours are from the Okabe-Ito palette, which stays distinct for colour-blind readers.
INK, BLUE, ORANGE, GREEN = "#222222", "#0072B2", "#D55E00", "#009E73"
STYLE = {"svg.hashsalt": "kb-figures", "svg.fonttype": "path", "font.size": 11, "text.color": INK,
         "axes.edgecolor": INK, "axes.labelcolor": INK, "xtick.color": INK, "ytick.color": INK,
         "figure.facecolor": "white", "axes.facecolor": "white", "savefig.facecolor": "white",
         "savefig.edgecolor": "#bbbbbb"}


def save(figure, name: str) -> None:
    """Write `figure` as OUT/name.svg with a thin border and no date, so re-runs are byte-identical."""
    OUT.mkdir(parents=True, exist_ok=True)
    figure.patch.set_linewidth(1)
    figure.savefig(OUT / f"{name}.svg", format="svg", bbox_inches="tight", pad_inches=0.15,
                   metadata={"Date": None, "Creator": None})
    plt.close(figure)


def chinchilla_loss(fit: dict, params, tokens):
    """The fitted loss L(N, D) = E + A / N^alpha + B / D^beta."""
    return fit["E"] + fit["A"] / params ** fit["alpha"] + fit["B"] / tokens ** fit["beta"]


def compute_optimal(fit: dict, compute):
    """The loss-minimising (N, D) for a compute budget C = 6 N D, in closed form from the fit."""
    alpha, beta = fit["alpha"], fit["beta"]
    scale = (alpha * fit["A"] / (beta * fit["B"])) ** (1 / (alpha + beta))
    params = scale * (compute / 6) ** (beta / (alpha + beta))
    return params, (compute / 6) / params


def chinchilla_surface(fit: dict) -> None:
    params, tokens = np.meshgrid(np.logspace(7, 12, 200), np.logspace(9, 14, 200))
    figure, axes = plt.subplots(figsize=(6.4, 4.6))
    contours = axes.contour(params, tokens, chinchilla_loss(fit, params, tokens),
                            levels=[1.9, 2.0, 2.1, 2.25, 2.5, 3.0, 3.5], colors=BLUE, linewidths=1)
    axes.clabel(contours, fmt="%.2f", fontsize=9)
    budgets = np.logspace(18, 26, 50)
    best_params, best_tokens = compute_optimal(fit, budgets)
    axes.plot(best_params, best_tokens, color=ORANGE, linewidth=2.2)
    axes.annotate("compute-optimal N and D\nfor each budget C = 6ND", xy=(best_params[30], best_tokens[30]),
                  xytext=(1.2e7, 5e13), color=ORANGE, arrowprops={"arrowstyle": "->", "color": ORANGE})
    axes.set(xscale="log", yscale="log", xlabel="parameters N", ylabel="training tokens D",
             title="Chinchilla's fitted loss: contours of equal loss")
    save(figure, "chinchilla-loss-surface")


def chinchilla_frontier(fit: dict) -> None:
    budgets = np.logspace(19, 26, 100)
    params, tokens = compute_optimal(fit, budgets)
    figure, axes = plt.subplots(figsize=(6.4, 4.2))
    axes.plot(budgets, params, color=BLUE, linewidth=2, label="parameters N")
    axes.plot(budgets, tokens, color=ORANGE, linewidth=2, linestyle="--", label="training tokens D")
    for values, color, label in ((params, BLUE, "N"), (tokens, ORANGE, "D")):
        axes.text(budgets[-1] * 1.3, values[-1], label, color=color, va="center", fontsize=12)
    axes.set(xscale="log", yscale="log", xlabel="training compute C (FLOP)", ylabel="compute-optimal value",
             title="Compute-optimal model size and data from the fitted loss")
    axes.legend(frameon=False)
    save(figure, "chinchilla-frontier")


def reversal_curse(data: dict) -> None:
    figure, axes = plt.subplots(figsize=(5.6, 3.6))
    labels = ["celebrity → parent\n(as usually written)", "parent → celebrity\n(the reverse)"]
    values = [data["forward"], data["backward"]]
    bars = axes.bar(labels, values, color=[BLUE, ORANGE], width=0.55)
    for bar, value in zip(bars, values):
        axes.text(bar.get_x() + bar.get_width() / 2, value + 2, f"{value}%", ha="center", fontsize=12)
    axes.set(ylim=(0, 100), ylabel="questions answered correctly (%)",
             title=f"{data['model']} on celebrities and their parents")
    axes.spines[["top", "right"]].set_visible(False)
    save(figure, "reversal-curse")


def pentagon(data: dict) -> None:
    count = data["features"]
    figure, axes = plt.subplots(figsize=(4.4, 4.4))
    for index in range(count):
        angle = math.pi / 2 + 2 * math.pi * index / count
        x, y = math.cos(angle), math.sin(angle)
        axes.annotate("", xy=(x, y), xytext=(0, 0), arrowprops={"arrowstyle": "-|>", "color": BLUE, "linewidth": 2})
        axes.text(1.18 * x, 1.18 * y, f"feature {index + 1}", ha="center", va="center")
    corners = [(math.cos(math.pi / 2 + 2 * math.pi * i / count), math.sin(math.pi / 2 + 2 * math.pi * i / count))
               for i in range(count + 1)]
    axes.plot(*zip(*corners), color=GREEN, linestyle=":", linewidth=1.5)
    axes.set(xlim=(-1.5, 1.5), ylim=(-1.5, 1.5), aspect="equal",
             title=f"{count} features in 2 dimensions: a pentagon")
    axes.axis("off")
    save(figure, "superposition-pentagon")


def compute_trends(data: dict) -> None:
    years = np.linspace(0, 10, 200)
    figure, axes = plt.subplots(figsize=(6.4, 4.2))
    for (era, months), color, style in zip(data["doubling_months"].items(), (BLUE, ORANGE), ("-", "--")):
        growth = 2 ** (years * 12 / months)
        axes.plot(years, growth, color=color, linestyle=style, linewidth=2)
        axes.text(10.2, growth[-1], f"{era}:\ndoubling every {months} months", color=color, va="center")
    axes.set(yscale="log", xlabel="years", ylabel="growth of training compute (times)",
             title="What a doubling time means over a decade")
    axes.spines[["top", "right"]].set_visible(False)
    save(figure, "compute-trends")


def time_horizon(data: dict) -> None:
    years = np.linspace(data["since"], data["measured_in"], 100)
    minutes = data["horizon_minutes"] * 2 ** ((years - data["measured_in"]) * 12 / data["doubling_months"])
    figure, axes = plt.subplots(figsize=(6.4, 4.2))
    axes.plot(years, minutes, color=BLUE, linewidth=2, label=f"doubling every {data['doubling_months']} months")
    axes.plot([data["measured_in"]], [data["horizon_minutes"]], "o", color=ORANGE, markersize=8)
    axes.annotate(f"about {data['horizon_minutes']} minutes\n(frontier models, early 2025)",
                  xy=(data["measured_in"], data["horizon_minutes"]), xytext=(2019.2, 150), color=ORANGE,
                  arrowprops={"arrowstyle": "->", "color": ORANGE})
    axes.set(yscale="log", ylim=(0.02, 1000), xlabel="model release year", ylabel="50% time horizon (minutes of human work)",
             title="The trend in task time horizons, from its published rate")
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(frameon=False, loc="lower right")
    save(figure, "time-horizon-trend")


def main() -> None:
    data = yaml.safe_load((HERE / "data.yml").read_text(encoding="utf-8"))
    with plt.rc_context(STYLE):
        chinchilla_surface(data["chinchilla"])
        chinchilla_frontier(data["chinchilla"])
        reversal_curse(data["reversal_curse"])
        pentagon(data["toy_model"])
        compute_trends(data["compute_trends"])
        time_horizon(data["time_horizon"])


if __name__ == "__main__":
    main()
