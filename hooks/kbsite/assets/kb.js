/* Knowledge-base behaviour: filter papers by tag, draw the knowledge graph with the bundled
   force-graph (loaded only where a graph is shown). Math is rendered at build time.
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

  var COLORS = { note: "#3f51b5", term: "#e65100", work: "#2e7d32" };

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
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + type + "s"));
      label.style.color = COLORS[type];
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
      var highlighted = null;
      var graph = window.ForceGraph()(canvas)
        .width(container.clientWidth || 600)
        .height(focus ? 320 : 560)
        .nodeId("id")
        .nodeLabel(function (node) { return escapeHtml(node.type + ": " + node.title); })
        .nodeColor(function (node) {
          return !highlighted || highlighted[node.id] ? COLORS[node.type] : "rgba(128,128,128,0.25)";
        })
        .nodeVal(function (node) { return node.id === focus ? 4 : 1; })
        .linkColor(function (link) {
          var ends = [link.source.id || link.source, link.target.id || link.target];
          return !highlighted || (highlighted[ends[0]] && highlighted[ends[1]]) ? "rgba(120,120,120,0.6)" : "rgba(120,120,120,0.08)";
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
        })
        .onNodeClick(function (node) { location.href = new URL(node.url, dataUrl).href; })
        .cooldownTicks(120)
        .onEngineStop(function () { container.dataset.kbGraphReady = "true"; });
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

  function onPage() {
    tagFilter(document);
    graphs(document);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
