/* Knowledge-base behaviour: filter papers by tag, draw the knowledge graph with the bundled
   force-graph (loaded only where a graph is shown), show a term's definition on a tap on touch
   screens. Math is rendered at build time.
   Runs on every page load, including Material's instant navigation (document$). */
(function () {
  "use strict";

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

  var scripts = {};
  function loadScript(url) {
    if (!scripts[url]) {
      scripts[url] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return scripts[url];
  }

  /* force-graph inserts a node's label as HTML: titles from the knowledge base are text. */
  function escapeHtml(text) {
    var element = document.createElement("span");
    element.textContent = text;
    return element.innerHTML;
  }

  /* Mid-tones with at least 3:1 contrast against both schemes' backgrounds (WCAG 1.4.11). */
  var COLORS = { note: "#5c6bc0", term: "#e65100", work: "#2e7d32" };
  var LABEL_CHARS = 32;
  var FIT_MS = 400;  // the zoom-to-fit animation once the layout settles

  function shortTitle(title) {
    return title.length > LABEL_CHARS ? title.slice(0, LABEL_CHARS - 1).trimEnd() + "\u2026" : title;
  }

  function neighbourhood(data, focus) {
    var keep = {};
    keep[focus] = true;
    data.edges.forEach(function (edge) {
      if (edge.source === focus) keep[edge.target] = true;
      if (edge.target === focus) keep[edge.source] = true;
    });
    return {
      nodes: data.nodes.filter(function (node) { return keep[node.id]; }),
      edges: data.edges.filter(function (edge) { return keep[edge.source] && keep[edge.target]; })
    };
  }

  function graphControls(container, data, update) {
    var bar = document.createElement("div");
    bar.className = "kb-graph__controls";
    var shown = { note: true, term: true, work: true };
    Object.keys(shown).forEach(function (type) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.dataset.type = type;
      box.addEventListener("change", function () { shown[type] = box.checked; update(shown, select.value); });
      var swatch = document.createElement("span");
      swatch.className = "kb-graph__swatch";
      swatch.style.backgroundColor = COLORS[type];
      label.appendChild(box);
      label.appendChild(swatch);
      label.appendChild(document.createTextNode(type + "s"));
      bar.appendChild(label);
    });
    var select = document.createElement("select");
    select.setAttribute("aria-label", "Filter by tag");
    var tags = {};
    data.nodes.forEach(function (node) { (node.tags || []).forEach(function (tag) { tags[tag] = true; }); });
    [""].concat(Object.keys(tags).sort()).forEach(function (tag) {
      var option = document.createElement("option");
      option.value = tag;
      option.textContent = tag || "all tags";
      select.appendChild(option);
    });
    select.addEventListener("change", function () { update(shown, select.value); });
    bar.appendChild(select);
    container.appendChild(bar);
    return shown;
  }

  function graphView(container) {
    if (container.dataset.kbGraphStarted) return;
    container.dataset.kbGraphStarted = "true";
    var dataUrl = new URL(container.dataset.kbGraph, location.href);
    Promise.all([
      loadScript(new URL(container.dataset.kbGraphLibrary, location.href).href),
      fetch(dataUrl).then(function (response) { return response.json(); })
    ]).then(function (results) {
      var data = results[1];
      var focus = container.dataset.kbFocus;
      if (focus) data = neighbourhood(data, focus);
      var canvas = document.createElement("div");
      canvas.className = "kb-graph__canvas";
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", focus ? "Graph of this note's neighbours" :
        "Graph of every note, glossary term and work; the connections are listed as text below it");
      var highlighted = null, fitted = false, labelColor = "";
      function nodeColor(node) {
        return !highlighted || highlighted[node.id] ? COLORS[node.type] : "rgba(128,128,128,0.25)";
      }
      function linkColor(link) {
        var ends = [link.source.id || link.source, link.target.id || link.target];
        return !highlighted || (highlighted[ends[0]] && highlighted[ends[1]]) ? "rgba(120,120,120,0.6)" : "rgba(120,120,120,0.08)";
      }
      var graph = window.ForceGraph()(canvas)
        .width(container.clientWidth || 600)
        .height(focus ? 320 : 560)
        .nodeId("id")
        .nodeLabel(function (node) { return escapeHtml(node.type + ": " + node.title); })
        .nodeColor(nodeColor)
        .nodeVal(function (node) { return node.id === focus ? 4 : 1; })
        .linkColor(linkColor)
        .onRenderFramePre(function () {
          labelColor = getComputedStyle(container).getPropertyValue("--md-default-fg-color") || "#333";
        })
        .nodeCanvasObjectMode(function (node) { return node.type === "note" ? "after" : undefined; })
        .nodeCanvasObject(function (node, context, scale) {
          var size = 11 / scale;
          context.font = size + "px sans-serif";
          context.textAlign = "center";
          context.textBaseline = "top";
          context.fillStyle = !highlighted || highlighted[node.id] ? labelColor : "rgba(128,128,128,0.4)";
          context.fillText(shortTitle(node.title), node.x, node.y + 6);
        })
        .onNodeHover(function (node) {
          highlighted = null;
          if (node) {
            highlighted = {};
            highlighted[node.id] = true;
            graph.graphData().links.forEach(function (link) {
              var source = link.source.id || link.source, target = link.target.id || link.target;
              if (source === node.id) highlighted[target] = true;
              if (target === node.id) highlighted[source] = true;
            });
          }
          canvas.style.cursor = node ? "pointer" : "";
          /* Setting the colour accessors asks force-graph for one more frame: once the layout
             has settled it draws only on request, and the highlight would wait for a pan. */
          graph.nodeColor(nodeColor).linkColor(linkColor);
        })
        .onNodeClick(function (node) { location.href = new URL(node.url, dataUrl).href; })
        .cooldownTicks(120)
        .onEngineStop(function () {
          if (fitted) return;
          fitted = true;  // once per data: a dragged node re-heats the layout, and the reader's zoom stays
          graph.zoomToFit(FIT_MS, 24);
          setTimeout(function () { container.dataset.kbGraphReady = "true"; }, FIT_MS);
        });
      function update(shown, tag) {
        var nodes = data.nodes.filter(function (node) {
          return shown[node.type] && (!tag || (node.tags || []).indexOf(tag) !== -1 || node.id === focus);
        });
        var keep = {};
        nodes.forEach(function (node) { keep[node.id] = true; });
        var links = data.edges.filter(function (edge) { return keep[edge.source] && keep[edge.target]; })
          .map(function (edge) { return { source: edge.source, target: edge.target, kind: edge.kind }; });
        container.dataset.kbNodes = String(nodes.length);
        container.dataset.kbEdges = String(links.length);
        delete container.dataset.kbGraphReady;
        fitted = false;
        graph.graphData({ nodes: nodes.map(function (node) { return Object.assign({}, node); }), links: links });
      }
      graphControls(container, data, update);
      container.appendChild(canvas);
      container.kbGraph = graph;
      update({ note: true, term: true, work: true }, "");
    });
  }

  function graphs(root) {
    root.querySelectorAll(".kb-graph:not(.kb-graph--local)").forEach(graphView);
    root.querySelectorAll("details.kb-local-graph").forEach(function (details) {
      details.addEventListener("toggle", function () {
        if (details.open) graphView(details.querySelector(".kb-graph"));
      });
    });
  }

  /* Touch screens have no hover: the first tap on a linked term shows its definition (the
     tooltip text the build wrote into the link's title) with a link to the glossary; a second
     tap on the term, or the link, opens the glossary. */
  var lastPointer = "", popup = null, popupFor = null;
  var POPUP_WIDTH = 320;  // its max-width in kb.css

  function closeTermPopup() {
    if (popup) popup.remove();
    popup = popupFor = null;
    document.documentElement.classList.remove("kb-term-popup-open");
  }

  /* The title is HTML escaped once for Material's tooltips; parsed inert, it is shown as text. */
  function titleText(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content.textContent;
  }

  function openTermPopup(link) {
    closeTermPopup();
    popup = document.createElement("div");
    popup.className = "kb-term-popup";
    popup.setAttribute("role", "dialog");
    popup.setAttribute("aria-label", link.textContent);
    var text = document.createElement("p");
    text.textContent = titleText(link.dataset.kbDefinition);
    var more = document.createElement("a");
    more.href = link.href;
    more.textContent = "Open in the glossary";
    popup.appendChild(text);
    popup.appendChild(more);
    var box = link.getBoundingClientRect();
    popup.style.top = (window.scrollY + box.bottom + 6) + "px";
    var right = window.scrollX + document.documentElement.clientWidth - POPUP_WIDTH - 8;
    popup.style.left = Math.max(8, Math.min(window.scrollX + box.left, right)) + "px";
    document.body.appendChild(popup);
    document.documentElement.classList.add("kb-term-popup-open");
    popupFor = link;
  }

  function termDefinitions(root) {
    closeTermPopup();
    /* Material takes the title away while its own tooltip shows: keep a copy. */
    root.querySelectorAll("article a.kb-term[title]").forEach(function (link) {
      link.dataset.kbDefinition = link.getAttribute("title");
    });
  }

  document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType; }, true);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.kb-term[data-kb-definition]");
    if (popup && !popup.contains(event.target) && link !== popupFor) closeTermPopup();
    if (!link || lastPointer !== "touch" || link === popupFor) return;
    event.preventDefault();
    event.stopPropagation();
    openTermPopup(link);
  }, true);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") closeTermPopup(); });

  function onPage() {
    tagFilter(document);
    graphs(document);
    termDefinitions(document);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
