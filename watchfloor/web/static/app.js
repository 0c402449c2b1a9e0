// watchfloor dashboard: small progressive enhancements; every page works without it.
"use strict";

function markCurrent(id) {
  document.querySelectorAll("mark.current").forEach((m) => m.classList.remove("current"));
  const anchor = document.getElementById(id);
  if (!anchor) return null;
  const mark = anchor.closest("mark");
  if (mark) mark.classList.add("current");
  return anchor;
}

function focusFact(id, smooth) {
  const anchor = markCurrent(id);
  if (anchor) anchor.scrollIntoView({ behavior: smooth ? "smooth" : "auto", block: "center" });
}

function articlePage() {
  const text = document.getElementById("article-text");
  if (!text) return;
  const wanted = document.body.dataset.focus || location.hash.slice(1);
  if (wanted) focusFact(wanted, false);
  document.querySelectorAll("a.fact-link").forEach((link) => {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const id = "f-" + link.dataset.fact;
      history.replaceState(null, "", "#" + id);
      focusFact(id, true);
    });
  });
}

function mapPage() {
  const panel = document.getElementById("map-events");
  const form = document.getElementById("map-filters");
  if (!panel || !form) return;
  document.addEventListener("click", async (event) => {
    const link = event.target.closest ? event.target.closest("a.country-link, a.place-link") : null;
    if (!link) return;
    event.preventDefault();
    const params = new URLSearchParams();
    new FormData(form).forEach((value, key) => { if (value) params.set(key, value); });
    if (link.dataset.near) params.set("near", link.dataset.near);
    else params.set("country", link.dataset.country);
    const fragment = new URLSearchParams(params);
    if (link.dataset.name) fragment.set("place", link.dataset.name);
    const response = await fetch("/map/events?" + fragment.toString(), { credentials: "same-origin" });
    if (!response.ok) return;
    panel.innerHTML = await response.text();  // server-rendered, escaped HTML
    document.querySelectorAll("#world .chosen").forEach((p) => p.classList.remove("chosen"));
    const chosen = link.dataset.near
      ? '#world a.place-link[data-near="' + link.dataset.near + '"] circle'
      : 'path.country[data-country="' + link.dataset.country + '"]';
    document.querySelectorAll(chosen).forEach((p) => p.classList.add("chosen"));
    history.replaceState(null, "", "/map?" + params.toString());
    const title = document.getElementById("country-title");
    if (title) title.focus();
  });
}

document.addEventListener("DOMContentLoaded", () => {
  articlePage();
  mapPage();
});
