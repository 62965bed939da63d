/* Knowledge-base behaviour: typeset math with the bundled KaTeX, filter papers by tag.
   Runs on every page load, including Material's instant navigation (document$). */
(function () {
  "use strict";

  function renderMath(root) {
    if (!window.katex) return;
    root.querySelectorAll(".kb-tex:not([data-kb-typeset])").forEach(function (element) {
      var tex = element.textContent;
      element.setAttribute("data-kb-typeset", "");
      element.setAttribute("data-tex", tex);
      try {
        window.katex.render(tex, element, {
          displayMode: element.classList.contains("kb-tex--display"),
          throwOnError: false
        });
      } catch (error) {
        element.textContent = tex;
      }
    });
  }

  function tagFilter(root) {
    var bar = root.querySelector("[data-kb-tag-filter]");
    if (!bar || bar.childElementCount) return;
    var items = Array.prototype.slice.call(root.querySelectorAll("li[data-tags]"));
    var tags = {};
    items.forEach(function (item) {
      item.getAttribute("data-tags").split(/\s+/).forEach(function (tag) { if (tag) tags[tag] = true; });
    });
    var active = null;
    function apply() {
      root.querySelectorAll(".md-content article li").forEach(function (item) {
        if (!item.closest("ul") || !item.parentNode.parentNode.matches("article")) return;
        var itemTags = (item.getAttribute("data-tags") || "").split(/\s+/);
        item.hidden = active !== null && itemTags.indexOf(active) === -1;
      });
      root.querySelectorAll(".md-content article h2").forEach(function (heading) {
        var list = heading.nextElementSibling;
        if (list && list.tagName === "UL") {
          heading.hidden = !list.querySelector("li:not([hidden])");
        }
      });
      bar.querySelectorAll("button").forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.tag === (active || "")));
      });
    }
    [""].concat(Object.keys(tags).sort()).forEach(function (tag) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button kb-tag-button";
      button.dataset.tag = tag;
      button.textContent = tag || "all";
      button.addEventListener("click", function () { active = tag || null; apply(); });
      bar.appendChild(button);
    });
    apply();
  }

  function onPage() {
    renderMath(document);
    tagFilter(document);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
