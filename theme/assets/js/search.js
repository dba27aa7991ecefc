// Full-text search of the page's language with Pagefind (index built by plugins/press/search.py).
// Every word shown comes from the page (data-* on the form), so no language is built in.
// Kyrgyz and Tajik letters typed with a Russian keyboard: the query is folded (ң -> н …)
// with the table the page gives (data-fold); the index holds a folded copy after every
// word that folds differently, and excerpts drop those copies again.
(function () {
  "use strict";
  var form = document.querySelector("form.search-form[data-bundle]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var PAGE = 10;
  var EXCERPT = 30;

  var folding = {};
  (form.getAttribute("data-fold") || "").split(" ").forEach(function (pair) {
    var chars = Array.from(pair);
    if (chars.length !== 2) return;
    folding[chars[0]] = chars[1];
    folding[chars[0].toUpperCase()] = chars[1].toUpperCase();
  });
  function fold(text) {
    return Array.from(text, function (c) { return folding[c] || c; }).join("");
  }

  var pagefind = null;
  function engine() {
    if (!pagefind) {
      pagefind = import(form.getAttribute("data-bundle") + "pagefind.js").then(function (module) {
        var site = new URL(form.getAttribute("data-site") || "/", document.baseURI).pathname;
        return module.options({ baseUrl: site, excerptLength: EXCERPT }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function say(name, values) {
    var text = form.getAttribute("data-" + name) || "";
    Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(values[key]); });
    status.textContent = text;
  }

  function filters() {
    var chosen = {};
    selects.forEach(function (select) { if (select.value) chosen[select.name] = select.value; });
    return chosen;
  }

  // Words as the page has them: each folded copy that follows its word is dropped,
  // and a hit on the copy marks the word.
  function words(content, locations) {
    var raw = content.split(/[\r\n\s]+/);
    var hits = {};
    (locations || []).forEach(function (n) { hits[n] = true; });
    var shown = [];
    for (var i = 0; i < raw.length; i++) {
      var word = raw[i];
      var folded = fold(word);
      var hit = !!hits[i];
      var next = raw[i + 1];
      if (folded !== word && (next === folded || next === folded + ".")) {
        hit = hit || !!hits[i + 1];
        if (next !== folded) word += ".";
        i++;
      }
      if (word) shown.push({ text: word, hit: hit });
    }
    return shown;
  }

  // About EXCERPT words around the densest group of hits (as Pagefind chooses its excerpts).
  function excerpt(data) {
    var shown = words(data.content || "", data.locations);
    var hitsAt = [];
    shown.forEach(function (w, n) { if (w.hit) hitsAt.push(n); });
    var start = 0;
    var best = 0;
    hitsAt.forEach(function (first, n) {
      var count = 0;
      var sum = 0;
      for (var m = n; m < hitsAt.length && hitsAt[m] < first + EXCERPT; m++) { count++; sum += hitsAt[m]; }
      if (count > best) {
        best = count;
        start = Math.round(sum / count - EXCERPT / 2);
      }
    });
    start = Math.max(0, Math.min(start, shown.length - EXCERPT));
    var end = Math.min(shown.length, start + EXCERPT);
    var p = document.createElement("p");
    p.className = "search-excerpt";
    if (start > 0) p.appendChild(document.createTextNode("… "));
    for (var k = start; k < end; k++) {
      if (k > start) p.appendChild(document.createTextNode(" "));
      if (shown[k].hit) {
        var mark = document.createElement("mark");
        mark.textContent = shown[k].text;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(shown[k].text));
      }
    }
    if (end < shown.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  function sectionName(key) {
    var select = form.querySelector("select[name=section]");
    var option = select && Array.prototype.find.call(select.options, function (o) { return o.value === key; });
    return option ? option.textContent : "";
  }

  function render(data) {
    var item = document.createElement("li");
    item.className = "search-result";
    var heading = document.createElement("h2");
    heading.className = "card-title";
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    var facts = [];
    var section = data.filters && data.filters.section && sectionName(data.filters.section[0]);
    if (section) facts.push(section);
    if (data.meta && data.meta.date) facts.push(data.meta.date);
    if (facts.length) {
      var meta = document.createElement("p");
      meta.className = "card-meta";
      meta.textContent = facts.join(" · ");
      item.appendChild(meta);
    }
    item.appendChild(excerpt(data));
    return item;
  }

  var results = [];
  var shownCount = 0;
  var generation = 0;

  function showMore(focusFirst) {
    var batch = results.slice(shownCount, shownCount + PAGE);
    var mine = generation;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (all) {
      if (mine !== generation) return;
      var first = null;
      all.forEach(function (data) {
        var node = render(data);
        first = first || node;
        list.appendChild(node);
      });
      shownCount += batch.length;
      more.hidden = shownCount >= results.length;
      if (focusFirst && first) first.querySelector("a").focus();
    });
  }

  function remember(query) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    var chosen = filters();
    Object.keys(chosen).forEach(function (key) { params.set(key, chosen[key]); });
    var search = params.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
  }

  function run() {
    var query = input.value.trim();
    var chosen = filters();
    var mine = ++generation;
    remember(query);
    list.textContent = "";
    more.hidden = true;
    results = [];
    shownCount = 0;
    if (!query && !Object.keys(chosen).length) {
      status.textContent = "";
      list.setAttribute("aria-busy", "false");
      return Promise.resolve();
    }
    say("searching");
    list.setAttribute("aria-busy", "true");
    return engine()
      .then(function (module) { return module.search(query ? fold(query) : null, { filters: chosen }); })
      .then(function (found) {
        if (mine !== generation || !found) return;
        results = found.results;
        if (!results.length) {
          say("nothing", { query: query });
          return;
        }
        say("found", { count: String(results.length) });
        return showMore(false);
      })
      .catch(function () {
        pagefind = null; // try to load the index again on the next search
        if (mine === generation) say("failed");
      })
      .then(function () {
        if (mine === generation) list.setAttribute("aria-busy", "false");
      });
  }

  var timer = null;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 300);
  });
  selects.forEach(function (select) { select.addEventListener("change", run); });
  more.addEventListener("click", function () { showMore(true); });

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  selects.forEach(function (select) {
    var value = params.get(select.name);
    if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) select.value = value;
  });
  if (input.value || Object.keys(filters()).length) run();
})();
