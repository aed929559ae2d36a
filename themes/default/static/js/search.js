// Terre de talents: search over the prebuilt, sharded index in /search/.
// No framework, no dependency. Everything taken from the index is inserted
// as text (textContent), never as HTML. The format is described in
// docs/recherche.md; the rules mirror generator/index/query.go.
(function () {
  "use strict";
  var root = document.getElementById("recherche");
  if (!root || !window.fetch) return;
  var base = root.getAttribute("data-index"); // URL of /search/
  var form = root.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var filters = root.querySelector(".search-filters-box");
  var status = root.querySelector(".search-status");
  var list = root.querySelector(".search-results");
  var more = root.querySelector(".search-more");
  var help = root.querySelector(".search-help");
  var PAGE = 10, MAX_EXPANSION = 64;
  var manifest, stop = {}, suffixes = [], minStem = 3;
  var cache = {}, shown = 0, hits = [], run = 0, timer;
  var kindLabels = { entreprise: "Entreprise", formation: "Formation", reussite: "Réussite", page: "Page" };

  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error(path + " : " + r.status);
        return r.json();
      });
    }
    return cache[path];
  }

  // fold lowercases and removes accents, as the generator does.
  var special = { "œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ı": "i" };
  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[œæßøłđı]/g, function (c) { return special[c]; });
  }
  function singular(w) {
    if (/[0-9]/.test(w)) return w;
    for (var i = 0; i < suffixes.length; i++) {
      var from = suffixes[i][0], to = suffixes[i][1], rest = w.length - from.length;
      if (w.slice(-from.length) === from && rest >= 2 && rest + to.length >= minStem) return w.slice(0, rest) + to;
    }
    return w;
  }
  function words(text) {
    var out = [], parts = fold(text).split(/[^\p{L}\p{N}]+/u);
    for (var i = 0; i < parts.length; i++) {
      if (parts[i] && !stop[parts[i]]) out.push(singular(parts[i]));
    }
    return out;
  }

  // shardFile names a shard like generator/index/search.go does.
  function shardFile(key) {
    if (key === "") return "t/_.json";
    if (/^[a-z0-9]+$/.test(key)) return "t/" + key + ".json";
    var hex = "", bytes = new TextEncoder().encode(key);
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return "t/x" + hex + ".json";
  }
  // shardsFor returns the shards that may hold words starting with w: the
  // longest key that begins w, and the keys that w begins.
  function shardsFor(w) {
    var best = null, out = [];
    manifest.shards.forEach(function (k) {
      if (w.indexOf(k) === 0 && (best === null || k.length > best.length)) best = k;
      else if (k.indexOf(w) === 0 && k.length > w.length) out.push(k);
    });
    if (best !== null) out.push(best);
    return out;
  }

  function wordScores(w) {
    return Promise.all(shardsFor(w).map(function (k) { return get(shardFile(k)); })).then(function (shards) {
      var matches = [];
      shards.forEach(function (s) {
        for (var word in s.w) if (word.indexOf(w) === 0) matches.push([word, s]);
      });
      matches.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
      matches = matches.slice(0, MAX_EXPANSION);
      var scores = new Map();
      matches.forEach(function (m) {
        var word = m[0], s = m[1], flat = s.p[s.w[word]] || [], weight = word === w ? 10 : 7, doc = 0;
        for (var i = 0; i < flat.length; i += 2) {
          doc += flat[i];
          var sc = flat[i + 1] * weight;
          if (!(scores.get(doc) >= sc)) scores.set(doc, sc);
        }
      });
      return scores;
    });
  }

  function undelta(d) {
    var out = [], last = 0;
    for (var i = 0; i < d.length; i++) { last += d[i]; out.push(last); }
    return out;
  }

  // keepFn builds the facet filter from the form, loading facet files as
  // needed; it resolves to null when no filter is set.
  function keepFn(state) {
    var need = state.type || state.town || state.sector || state.hiring || state.level;
    var loads = [need ? get("facets.json") : null, state.skill ? get("skills.json") : null];
    return Promise.all(loads).then(function (f) {
      if (!need && !state.skill) return null;
      var fa = f[0], sk = f[1], sets = [];
      if (fa && state.sector) sets.push(new Set(undelta(fa.sector[manifest.facets.sector.indexOf(state.sector)] || [])));
      if (sk) sets.push(new Set(undelta(sk[manifest.facets.skill.indexOf(state.skill)] || [])));
      var kind = manifest.facets.kind.indexOf(state.type), town = manifest.facets.town.indexOf(state.town);
      return function (doc) {
        if (fa) {
          if (state.type && fa.kind[doc] !== kind) return false;
          if (state.town && fa.town[doc] !== town) return false;
          if (state.hiring && fa.hiring[doc] !== 1) return false;
          if (state.level && String(fa.level[doc]) !== state.level) return false;
        }
        for (var i = 0; i < sets.length; i++) if (!sets[i].has(doc)) return false;
        return true;
      };
    });
  }

  function search(state) {
    var qs = words(state.q).filter(function (w) { return w.length >= 2 || /[0-9]/.test(w); });
    return Promise.all([keepFn(state), Promise.all(qs.map(wordScores))]).then(function (r) {
      var keep = r[0], per = r[1], out = [];
      if (qs.length === 0) {
        if (!keep) return null; // nothing asked
        for (var d = 0; d < manifest.docs; d++) if (keep(d)) out.push([d, 0]);
        return out;
      }
      var total = per[0];
      for (var i = 1; i < per.length; i++) {
        var next = new Map();
        total.forEach(function (s, doc) { if (per[i].has(doc)) next.set(doc, s + per[i].get(doc)); });
        total = next;
      }
      total.forEach(function (s, doc) { if (!keep || keep(doc)) out.push([doc, s]); });
      out.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return out;
    });
  }

  function record(doc) {
    return get("r/" + Math.floor(doc / manifest.chunk) + ".json").then(function (chunk) {
      return chunk[doc % manifest.chunk];
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function showMore() {
    var batch = hits.slice(shown, shown + PAGE), id = run;
    shown += batch.length;
    return Promise.all(batch.map(function (h) { return record(h[0]); })).then(function (recs) {
      if (id !== run) return;
      recs.forEach(function (r, i) {
        var li = el("li"), card = el("article", "card card-" + r.k), h = el("h2", "card-title"), a = el("a", null, r.t);
        a.href = root.getAttribute("data-base") + r.u.replace(/^\//, "");
        h.appendChild(a);
        card.appendChild(el("p", "kicker", kindLabels[r.k] || r.k));
        card.appendChild(h);
        if (r.m) card.appendChild(el("p", "card-meta", r.m));
        if (r.s) card.appendChild(el("p", "card-summary", r.s));
        li.appendChild(card);
        list.appendChild(li);
        if (i === 0 && shown > PAGE) a.focus();
      });
      more.hidden = shown >= hits.length;
    });
  }

  function readState() {
    var p = new URLSearchParams(location.search), s = {};
    ["q", "type", "sector", "town", "skill", "level", "hiring"].forEach(function (k) { s[k] = p.get(k) || ""; });
    return s;
  }
  function formState() {
    var s = { q: input.value.trim() };
    ["type", "sector", "town", "skill", "level"].forEach(function (k) { s[k] = form.elements[k].value; });
    s.hiring = form.elements.hiring.checked ? "1" : "";
    return s;
  }
  function fillForm(s) {
    input.value = s.q;
    ["type", "sector", "town", "skill", "level"].forEach(function (k) { form.elements[k].value = s[k]; });
    form.elements.hiring.checked = s.hiring === "1";
  }
  function toURL(s) {
    var p = new URLSearchParams();
    Object.keys(s).forEach(function (k) { if (s[k]) p.set(k, s[k]); });
    var q = p.toString();
    return location.pathname + (q ? "?" + q : "");
  }

  function update(s) {
    var id = ++run;
    return search(s).then(function (found) {
      if (id !== run) return;
      list.textContent = "";
      shown = 0;
      hits = found || [];
      help.hidden = true;
      more.hidden = true;
      if (found === null) { status.textContent = ""; return; }
      var n = hits.length, what = s.q ? " pour « " + s.q + " »" : "";
      status.textContent = n === 0 ? "Aucun résultat" + what + "." : n + (n > 1 ? " résultats" : " résultat") + what + ".";
      if (n === 0) { help.hidden = false; return; }
      return showMore();
    }).catch(function () {
      if (id === run) status.textContent = "La recherche est indisponible pour le moment. Parcourez les listes ci-dessous.";
    });
  }

  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  get("index.json").then(function (m) {
    manifest = m;
    m.normalize.stop.forEach(function (w) { stop[w] = true; });
    suffixes = m.normalize.suffixes;
    minStem = m.normalize.minStem;
    [["sector", m.facets.sector], ["town", m.facets.town], ["skill", m.facets.skill]].forEach(function (f) {
      f[1].forEach(function (v) { option(form.elements[f[0]], v, v); });
    });
    filters.hidden = false;
    var start = readState();
    // Open on wide screens, or when the address already holds a filter; on
    // a phone the filters would push the results below the fold.
    filters.open = window.matchMedia("(min-width: 48em)").matches ||
      ["type", "sector", "town", "skill", "level", "hiring"].some(function (k) { return start[k]; });
    fillForm(start);
    update(readState());
  }).catch(function () {
    status.textContent = "La recherche est indisponible pour le moment. Parcourez les listes ci-dessous.";
  });

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var s = formState();
      history.replaceState(null, "", toURL(s));
      update(s);
    }, 150);
  });
  form.addEventListener("change", function (e) {
    if (e.target === input) return;
    var s = formState();
    history.pushState(null, "", toURL(s));
    update(s);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    var s = formState();
    history.pushState(null, "", toURL(s));
    update(s);
  });
  more.addEventListener("click", showMore);
  window.addEventListener("popstate", function () {
    var s = readState();
    fillForm(s);
    update(s);
  });
})();
