// Filters of the timeline page: by actor, type and words; kept in the URL fragment so a view can be linked.
(function () {
  "use strict";
  var actor = document.getElementById("filter-actor");
  var type = document.getElementById("filter-type");
  var text = document.getElementById("filter-text");
  var shown = document.getElementById("shown");
  var noMatch = document.getElementById("no-match");
  var events = Array.prototype.slice.call(document.querySelectorAll("li.event"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));

  // Case and accents do not matter: "almaty" finds "Almaty", "sicherheitskrafte" finds "Sicherheitskräfte".
  function fold(value) {
    return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  events.forEach(function (el) {
    el.searchText = fold(el.querySelector(".what").textContent);
    el.actorNames = JSON.parse(el.getAttribute("data-actors") || "[]");
  });

  function apply() {
    var words = fold(text.value).split(/\s+/).filter(Boolean);
    events.forEach(function (el) {
      el.hidden = !((!actor.value || el.actorNames.indexOf(actor.value) >= 0) &&
                    (!type.value || el.getAttribute("data-type") === type.value) &&
                    words.every(function (w) { return el.searchText.indexOf(w) >= 0; }));
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("li.event:not([hidden])");
    });
    // count what the browser actually lays out, not what the filter meant to show
    var visible = events.filter(function (el) { return el.offsetParent !== null && el.offsetHeight > 0; }).length;
    shown.textContent = visible + " of " + events.length + " events";
    noMatch.hidden = visible > 0 || events.length === 0;
  }

  function toFragment() {
    var params = new URLSearchParams();
    if (actor.value) params.set("actor", actor.value);
    if (type.value) params.set("type", type.value);
    if (text.value) params.set("text", text.value);
    var fragment = params.toString();
    try {
      history.replaceState(null, "", fragment ? "#" + fragment : location.pathname + location.search);
    } catch (e) { /* some browsers refuse history changes on file: pages; the filters still work */ }
  }

  function fromFragment() {
    var params = new URLSearchParams(location.hash.slice(1));
    actor.value = params.get("actor") || "";
    type.value = params.get("type") || "";
    text.value = params.get("text") || "";
    apply();
  }

  [actor, type].forEach(function (el) { el.addEventListener("change", function () { apply(); toFragment(); }); });
  text.addEventListener("input", function () { apply(); toFragment(); });
  window.addEventListener("hashchange", fromFragment);
  fromFragment();
})();
