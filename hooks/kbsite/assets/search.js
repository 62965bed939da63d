/* Search in Material's header box over Pagefind's JS API (pagefind/ in the site, written by the
   build). Results come grouped for a knowledge base: a query that names a glossary term (or an
   alias, any case, singular or plural) gets that term's definition first; then notes and works,
   each group where its best result ranks; then other glossary terms that match. Terms are looked
   up in a search of their own: as short records they would crowd notes out of the main one.
   Keys as in Material: "/", "s" or "f" open the box, arrows move, Enter follows, Esc closes.
   Text from the knowledge base is inserted with textContent only; Pagefind's excerpts, escaped
   text with <mark> around matches, are split on their marks and rebuilt as elements.
   The header outlives Material's instant navigation, so this runs once per full page load. */
(function () {
  "use strict";

  var box = document.querySelector("[data-kb-search]");
  if (!box || window.kbSearch) return;

  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base, location.href); // the site's root: the page's base at this first load
  if (!/\/$/.test(root.pathname)) root = new URL(root.pathname + "/", root);
  var words = config.translations || {};
  var toggle = document.getElementById("__search");
  var input = box.querySelector("[data-kb-search-query]");
  var meta = box.querySelector("[data-kb-search-meta]");
  var list = box.querySelector("[data-kb-search-list]");
  var filterBar = box.querySelector("[data-kb-search-filters]");
  var SHOWN = 12; // notes and works loaded and shown per query (each is one fragment request)
  var TERMS = 4; // glossary terms loaded per query: the one the query names, and others shown last
  var HIGHLIGHT = "highlight"; // the landing page's query parameter with the terms to mark
  // Pagefind's ranking (https://pagefind.app/docs/ranking/), tuned on tests/search_queries.yml:
  // see benchmarks/README.md.
  var RANKING = { pageLength: 0.3, metaWeights: { title: 5 } };
  var GROUPS = { definition: "Glossary terms", note: "Notes", paper: "Papers" };
  var FILTERS = [["kind", "Kind"], ["section", "Section"], ["tag", "Tag"]];

  var engine = null;
  function pagefind() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        return module.options({ baseUrl: root.pathname, ranking: RANKING }).then(function () {
          module.init();
          return module;
        });
      });
    }
    return engine;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* Pagefind escapes only "<" and ">" in an excerpt's text ("&" and quotes come as they are), so
     only those two are turned back; the text then goes in as text. */
  function unescape(text) {
    return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  }

  /* Pagefind's excerpt (text with "<" and ">" escaped, <mark> around matches) as text nodes and
     <mark>s: no other element can come from it. */
  function excerpt(html) {
    var paragraph = element("p", "kb-search__excerpt");
    html.split(/(<mark>.*?<\/mark>)/).forEach(function (piece) {
      var marked = /^<mark>(.*)<\/mark>$/.exec(piece);
      if (marked) paragraph.appendChild(element("mark", "", unescape(marked[1])));
      else if (piece) paragraph.appendChild(document.createTextNode(unescape(piece)));
    });
    return paragraph;
  }

  function normal(text) {
    return text.trim().replace(/\s+/g, " ").toLowerCase();
  }

  function singular(text) {
    return normal(text).replace(/(\w\w)s$/, "$1");
  }

  /* The terms of a query, for the landing page to mark. */
  function href(path, query) {
    var url = new URL(path, root);
    normal(query).split(" ").forEach(function (term) { if (term) url.searchParams.append(HIGHLIGHT, term); });
    return url.pathname + url.search + url.hash;
  }

  function link(data, query) {
    return href(data.meta.link ? new URL(data.meta.link, root).href : data.url, query);
  }

  function names(data) {
    try { return JSON.parse(data.meta.forms || "[]").map(singular); } catch (error) { return []; }
  }

  function item(data, query, kind) {
    var li = element("li", "md-search-result__item");
    var a = element("a", "md-search-result__link kb-search__link");
    a.href = link(data, query);
    a.tabIndex = -1;
    a.dataset.kind = kind;
    var article = element("article", "md-search-result__article md-typeset");
    article.appendChild(element("div", "md-search-result__icon md-icon"));
    article.appendChild(element("h1", "", data.meta.title || data.url));
    var facts;
    if (kind === "paper") {
      facts = [data.meta.authors, data.meta.year, data.meta.work].filter(Boolean).join(" · ");
    } else if (kind === "definition") {
      facts = data.meta.aliases ? "Also: " + data.meta.aliases : "Glossary";
    } else {
      facts = data.meta.section || "";
    }
    if (facts) article.appendChild(element("p", "kb-search__facts", facts));
    if (kind === "definition") article.appendChild(element("p", "kb-search__short", data.meta.short || ""));
    else if (kind === "note") article.appendChild(excerpt(data.excerpt || ""));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function group(title, kind, entries, query, extra) {
    var section = element("section", "kb-search__group" + (extra ? " " + extra : ""));
    section.dataset.kind = kind;
    section.appendChild(element("h2", "kb-search__group-title", title));
    var ol = element("ol", "md-search-result__list");
    entries.forEach(function (data) { ol.appendChild(item(data, query, kind)); });
    section.appendChild(ol);
    return section;
  }

  function count(total) {
    if (total === 0) return words["search.result.none"] || "No matching documents";
    if (total === 1) return words["search.result.one"] || "1 matching document";
    return (words["search.result.other"] || "# matching documents").replace("#", String(total));
  }

  /* The definition card (the term a query names), then notes and works, a group per kind in the
     order of each kind's best result, except that the kind of a result titled exactly as the query
     comes first (Pagefind ranks such a work high, but a note whose title shares its words may rank
     higher still; neither its title meta weight nor the works' title weight fixes that without
     losing more elsewhere: see benchmarks/README.md), then the other terms found. */
  function render(query, named, results, terms, total) {
    list.replaceChildren();
    list.dataset.kbQuery = query;  // which query the results shown answer (tests and benchmarks wait for it)
    meta.textContent = count(total);
    if (named) list.appendChild(group("Definition", "definition", [named], query, "kb-search__group--answer"));
    var byKind = {}, order = [], wanted = normal(query);
    results.forEach(function (data) {
      var kind = GROUPS[data.meta.kind] ? data.meta.kind : "note";
      if (!byKind[kind]) { byKind[kind] = []; order.push(kind); }
      byKind[kind].push(data);
      if (normal(data.meta.title || "") === wanted && byKind[kind].length === 1) {
        order.splice(order.indexOf(kind), 1);
        order.unshift(kind);
      }
    });
    var others = terms.filter(function (data) { return data !== named; }).slice(0, TERMS - 1);
    if (others.length) { byKind.definition = others; order.push("definition"); }
    order.forEach(function (kind) { list.appendChild(group(GROUPS[kind], kind, byKind[kind], query)); });
  }

  function chosenFilters() {
    var chosen = {};
    filterBar.querySelectorAll("select").forEach(function (select) {
      if (select.value) chosen[select.name] = select.value;
    });
    return chosen;
  }

  var filled = null;  // one promise: queries typed in quick succession all wait for the same filters
  function fillFilters(engine) {
    if (filled) return filled;
    filled = engine.filters().then(function (available) {
      FILTERS.forEach(function (pair) {
        var label = element("label", "kb-search__filter");
        label.appendChild(document.createTextNode(pair[1] + " "));
        var select = element("select");
        select.name = pair[0];
        select.appendChild(element("option", "", "all"));
        select.firstChild.value = "";
        Object.keys(available[pair[0]] || {}).sort().forEach(function (value) {
          var option = element("option", "", value);
          option.value = value;
          select.appendChild(option);
        });
        select.addEventListener("change", search);
        label.appendChild(select);
        filterBar.appendChild(label);
      });
    });
    return filled;
  }

  var generation = 0;
  function search() {
    var query = input.value, mine = ++generation;
    if (!query.trim()) {
      list.replaceChildren();
      filterBar.hidden = true;
      meta.textContent = words["search.result.placeholder"] || "Type to start searching";
      return;
    }
    pagefind().then(function (engine) {
      return fillFilters(engine).then(function () {
        var filters = chosenFilters(), kind = filters.kind;
        var pages = kind === "definition" ? Promise.resolve(null) : engine.search(query, {
          filters: Object.assign({}, filters, { kind: kind ? kind : { any: ["note", "paper"] } })
        });
        var terms = kind && kind !== "definition" ? Promise.resolve(null)
          : engine.search(query, { filters: Object.assign({}, filters, { kind: "definition" }) });
        return Promise.all([pages, terms]);
      });
    }).then(function (found) {
      if (mine !== generation) return null;
      var pages = found[0] ? found[0].results : [], terms = found[1] ? found[1].results : [];
      return Promise.all([
        Promise.all(pages.slice(0, SHOWN).map(function (result) { return result.data(); })),
        Promise.all(terms.slice(0, found[0] ? TERMS : SHOWN).map(function (result) { return result.data(); }))
      ]).then(function (loaded) {
        if (mine !== generation) return;
        var wanted = singular(query);
        var named = loaded[1].filter(function (data) { return names(data).indexOf(wanted) !== -1; })[0] || null;
        filterBar.hidden = false;
        if (!found[0]) render(query, named, loaded[1].filter(function (data) { return data !== named; }), [], terms.length);
        else render(query, named, loaded[0], loaded[1], pages.length + terms.length);
      });
    }).catch(function (error) {
      if (mine === generation) meta.textContent = "Search is unavailable: " + error.message;
    });
  }

  // A search starts 60 ms after the last keystroke: searching on every keystroke queues one search
  // per letter in Pagefind's worker, and at 5,000 notes the last one waited seconds behind the others
  // (benchmarks/README.md); `generation` still drops the results of a query typed over.
  var pending = null;
  input.addEventListener("input", function () {
    if (engine) engine.then(function (module) { module.preload(input.value); });
    clearTimeout(pending);
    pending = setTimeout(search, 60);
  });
  input.addEventListener("focus", function () {
    pagefind();
    if (!toggle.checked) toggle.click();
  });
  box.querySelector("form").addEventListener("reset", function () {
    setTimeout(function () { search(); input.focus(); });
  });
  box.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); });
  toggle.addEventListener("change", function () {
    if (toggle.checked) input.focus();
    else input.blur();
  });

  function typing(node) {
    return node && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName));
  }

  function focusable() {
    return [input].concat(Array.prototype.slice.call(list.querySelectorAll("a.kb-search__link")));
  }

  document.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    if (!toggle.checked) {
      if (/^[/sf]$/.test(event.key) && !typing(document.activeElement)) {
        event.preventDefault();
        toggle.click();
        input.focus();
        input.select();
      }
      return;
    }
    var items = focusable(), at = items.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      toggle.click();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (document.activeElement.tagName === "SELECT") return;
      event.preventDefault();
      var next = at === -1 ? 0 : (at + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items[next].focus();
    } else if (event.key === "Enter" && document.activeElement === input && items.length > 1) {
      event.preventDefault();
      items[1].click();
    }
  });

  /* On the page a result leads to, mark the query's terms (Pagefind's highlighter). */
  function highlight() {
    if (!new URLSearchParams(location.search).has(HIGHLIGHT)) return;
    import(new URL("pagefind/pagefind-highlight.js", root).href).then(function (module) {
      new module.default({
        highlightParam: HIGHLIGHT,
        markContext: document.querySelector("article.md-content__inner"),
        addStyles: false,
        markOptions: { className: "kb-search-highlight", exclude: [".headerlink", "[data-search-exclude] *"] }
      });
    });
  }

  window.kbSearch = { search: search };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(highlight);
  else highlight();
})();
