// The editor works without JavaScript; this adds, when it runs: checks
// while typing, the preview of the text, completion of terms, the list's
// filter.
(function () {
  "use strict";
  function debounce(fn, ms) {
    var t;
    return function () { clearTimeout(t); t = setTimeout(fn, ms); };
  }
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // The list's filter, as you type.
  var filter = document.getElementById("filtre");
  if (filter) {
    var count = document.getElementById("filtre-nombre");
    var run = function () {
      var words = fold(filter.value).split(/\s+/).filter(Boolean), n = 0;
      document.querySelectorAll("li[data-filtre]").forEach(function (li) {
        var hay = fold(li.getAttribute("data-filtre"));
        var show = words.every(function (w) { return hay.indexOf(w) >= 0; });
        li.hidden = !show;
        if (show) { n++; }
      });
      document.querySelectorAll(".section-liste").forEach(function (s) {
        s.hidden = !s.querySelector("li[data-filtre]:not([hidden])");
      });
      count.textContent = n + (n > 1 ? " pages" : " page");
    };
    filter.addEventListener("input", debounce(run, 150));
  }

  var form = document.getElementById("formulaire");
  if (!form) { return; }

  function formData() {
    var data = new FormData(form);
    data.delete("_image");
    return data;
  }

  // Checks while typing: the same as on save, shown at each field.
  var pending = null;
  var check = debounce(function () {
    if (pending) { pending.abort(); }
    pending = new AbortController();
    fetch(form.getAttribute("data-verifier"), { method: "POST", body: formData(), signal: pending.signal, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (res) {
        if (!res) { return; }
        var summary = document.getElementById("resume");
        if (!summary.querySelector("[role=alert]")) { summary.innerHTML = res.summary; }
        Object.keys(res.fields).forEach(function (id) {
          var box = document.getElementById("msg-" + id);
          if (box) { box.innerHTML = res.fields[id]; }
          var input = document.getElementById(id);
          if (input) {
            if (res.invalid[id]) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
          }
        });
      })
      .catch(function () {});
  }, 600);
  form.addEventListener("input", check);
  form.addEventListener("change", check);

  // The preview of the text, by the site's own Markdown.
  var body = document.getElementById("champ-body");
  var out = document.getElementById("apercu-contenu");
  if (body && out) {
    var preview = debounce(function () {
      var data = new FormData();
      data.append("body", body.value);
      data.append("_adresse", out.getAttribute("data-adresse") || "");
      fetch(form.getAttribute("data-apercu"), { method: "POST", body: data, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null) { out.innerHTML = html; } })
        .catch(function () {});
    }, 800);
    body.addEventListener("input", preview);
    preview();
  }

  // Completion of terms: a term chosen is added as a line of the list.
  document.querySelectorAll("input[data-ajout]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("data-ajout"));
    var button = document.createElement("button");
    button.type = "button";
    button.className = "bouton-second";
    button.textContent = "Ajouter";
    var row = document.createElement("div");
    row.className = "ajout-ligne";
    input.parentNode.insertBefore(row, input);
    row.appendChild(input);
    row.appendChild(button);
    var add = function () {
      var v = input.value.trim();
      if (!v) { return; }
      var items = list.value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
      if (items.indexOf(v) < 0) { items.push(v); }
      list.value = items.join("\n");
      input.value = "";
      list.dispatchEvent(new Event("input", { bubbles: true }));
      input.focus();
    };
    button.addEventListener("click", add);
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); add(); }
    });
  });

  // Errors found on save: the summary takes the focus.
  var alert = document.querySelector("#resume [role=alert]");
  if (alert) { document.getElementById("resume").focus(); }
})();
