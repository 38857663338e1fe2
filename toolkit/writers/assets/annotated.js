/* annotated.js: the annotated edition's layer toggles (state kept in the URL fragment), sidenote
   placement beside the quotes on wide screens (inline notes on narrow ones) and highlighting.
   The page is complete without it; it attaches its own listeners (no inline handlers), so it
   runs under a strict Content-Security-Policy. */
(function () {
  "use strict";
  var root = document.documentElement;
  var LAYERS = ["quotes", "sources", "terms", "dates", "entities"];
  var defaults = (root.getAttribute("data-layers") || "").split(/\s+/).filter(Boolean);
  var wide = window.matchMedia("(min-width: 72em)");
  var body = document.querySelector(".article-body");
  var state = {};

  root.classList.add("js");

  function fragment() {
    var raw = location.hash.replace(/^#/, "");
    try { raw = decodeURIComponent(raw); } catch (e) { /* keep it raw */ }
    var out = { target: "", layers: null };
    raw.split("&").forEach(function (part) {
      if (part.indexOf("layers=") === 0) {
        out.layers = part.slice(7).split(/[,+. ]/).filter(function (l) { return LAYERS.indexOf(l) >= 0; });
      } else if (part) {
        out.target = part;
      }
    });
    return out;
  }

  function setState(on) {
    LAYERS.forEach(function (l) { state[l] = on.indexOf(l) >= 0; });
  }

  function isDefault() {
    return LAYERS.every(function (l) { return state[l] === (defaults.indexOf(l) >= 0); });
  }

  function writeFragment() {
    var parts = [];
    var target = fragment().target;
    if (target) { parts.push(target); }
    if (!isDefault()) {
      var on = LAYERS.filter(function (l) { return state[l]; });
      parts.push("layers=" + (on.length ? on.join(",") : "none"));
    }
    var url = parts.length ? "#" + parts.join("&") : location.pathname + location.search;
    try {
      history.replaceState(history.state, "", url);
    } catch (e) {
      if (parts.length) { location.hash = parts.join("&"); }
    }
  }

  function apply() {
    LAYERS.forEach(function (l) {
      root.classList.toggle("l-" + l, state[l]);
    });
    document.querySelectorAll(".layer-toggle").forEach(function (b) {
      b.setAttribute("aria-pressed", state[b.getAttribute("data-layer")] ? "true" : "false");
    });
    placeNotes();
  }

  /* ---------------------------------------------------------------- sidenotes */
  function anchorTop(el) {
    var rects = el.getClientRects();
    return (rects.length ? rects[0] : el.getBoundingClientRect()).top;
  }

  function placeNotes() {
    if (!body) { return; }
    var notes = Array.prototype.slice.call(body.querySelectorAll(".sidenote"));
    body.style.minHeight = "";
    if (!wide.matches) {
      body.classList.remove("sn-placed");
      notes.forEach(function (n) { n.style.top = ""; });
      return;
    }
    body.classList.add("sn-placed");
    var base = body.getBoundingClientRect().top;
    var last = -Infinity;
    var gap = 10;
    notes.forEach(function (n) {
      if (n.offsetParent === null) { return; }
      var anchor = document.getElementById(n.getAttribute("data-for"));
      var top = anchor ? anchorTop(anchor) - base : last + gap;
      top = Math.max(Math.round(top), last + gap);
      n.style.top = top + "px";
      last = top + n.getBoundingClientRect().height;
    });
    if (last > body.getBoundingClientRect().height) {
      body.style.minHeight = Math.ceil(last) + "px";
    }
  }

  function onNoteRef(event) {
    var ref = event.target.closest(".sn-ref");
    if (!ref) { return; }
    var note = document.getElementById(ref.getAttribute("href").slice(1));
    if (!note) { return; }
    event.preventDefault();
    if (wide.matches) {
      note.classList.remove("flash");
      void note.offsetWidth;
      note.classList.add("flash");
      return;
    }
    var open = !note.classList.contains("open");
    note.classList.toggle("open", open);
    ref.setAttribute("aria-expanded", open ? "true" : "false");
  }

  /* ---------------------------------------------------------------- highlighting */
  function related(el) {
    var out = [];
    var q = el.closest(".quote");
    var note = el.closest(".sidenote");
    var id = q ? (q.getAttribute("data-group") || q.id) : null;
    if (note) {
      var anchor = document.getElementById(note.getAttribute("data-for"));
      if (anchor) { id = anchor.getAttribute("data-group") || anchor.id; }
      out.push(note);
    }
    if (!id) { return out; }
    document.querySelectorAll(".quote").forEach(function (other) {
      if ((other.getAttribute("data-group") || other.id) === id) { out.push(other); }
    });
    document.querySelectorAll(".sidenote").forEach(function (n) {
      var a = document.getElementById(n.getAttribute("data-for"));
      if (a && (a.getAttribute("data-group") || a.id) === id && out.indexOf(n) < 0) { out.push(n); }
    });
    return out;
  }

  var hot = [];
  function setHot(list) {
    hot.forEach(function (el) { el.classList.remove("hot"); });
    hot = list;
    hot.forEach(function (el) { el.classList.add("hot"); });
  }

  function entityFinders() {
    document.querySelectorAll(".ent-name").forEach(function (span) {
      var item = span.closest(".ent");
      var name = item ? item.getAttribute("data-name") : "";
      var mentions = document.querySelectorAll(".article-body .entity");
      var mine = Array.prototype.filter.call(mentions, function (m) {
        return (m.getAttribute("data-name") || m.textContent).toLowerCase() === name.toLowerCase();
      });
      if (!mine.length) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ent-find";
      button.textContent = span.textContent;
      button.setAttribute("aria-pressed", "false");
      button.title = "Highlight every mention";
      span.replaceWith(button);
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-pressed") !== "true";
        document.querySelectorAll(".found").forEach(function (el) { el.classList.remove("found"); });
        document.querySelectorAll(".ent-find[aria-pressed=true]").forEach(function (b) {
          b.setAttribute("aria-pressed", "false");
        });
        if (on) {
          mine.forEach(function (m) { m.classList.add("found"); });
          button.setAttribute("aria-pressed", "true");
          mine[0].scrollIntoView({ block: "center" });
        }
      });
    });
  }

  /* ---------------------------------------------------------------- start */
  function start() {
    var f = fragment();
    setState(f.layers || defaults);
    document.querySelectorAll(".layer-toggle").forEach(function (b) {
      b.addEventListener("click", function () {
        var l = b.getAttribute("data-layer");
        state[l] = !state[l];
        apply();
        writeFragment();
      });
    });
    document.querySelectorAll("[data-needs-js]").forEach(function (el) { el.hidden = false; });
    document.querySelectorAll(".sn-ref").forEach(function (r) {
      r.setAttribute("aria-controls", r.getAttribute("href").slice(1));
      r.setAttribute("aria-expanded", "false");
    });
    document.addEventListener("click", onNoteRef);
    document.addEventListener("mouseover", function (e) {
      var el = e.target.closest ? e.target.closest(".quote, .sidenote") : null;
      setHot(el ? related(el) : []);
    });
    window.addEventListener("hashchange", function () {
      var g = fragment();
      if (g.layers) {
        setState(g.layers);
        apply();
      } else {
        writeFragment();
      }
    });
    wide.addEventListener("change", placeNotes);
    window.addEventListener("resize", placeNotes);
    window.addEventListener("load", placeNotes);
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(placeNotes); }
    entityFinders();
    apply();
    if (f.target && f.layers) {
      /* "#p12&layers=..." names no element, so the browser neither scrolls nor sets :target */
      var el = document.getElementById(f.target);
      if (el) {
        el.classList.add("is-target");
        el.scrollIntoView();
      }
    }
    root.classList.add("ready");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
