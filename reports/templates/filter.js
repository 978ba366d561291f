(function () {
  "use strict";
  var form = document.getElementById("filters");
  window.addEventListener("beforeprint", function () {
    var details = document.querySelectorAll("details");
    for (var j = 0; j < details.length; j++) { details[j].open = true; }
  });
  if (!form) { return; }
  var boxes = form.querySelectorAll("input[type=checkbox]");
  var status = document.getElementById("filter-status");
  var items = document.querySelectorAll("[data-section] [data-impact]");
  var sections = document.querySelectorAll("[data-section]");
  function apply() {
    var on = {};
    var shown = 0;
    var i;
    for (i = 0; i < boxes.length; i++) { on[boxes[i].value] = boxes[i].checked; }
    for (i = 0; i < items.length; i++) {
      var visible = on[items[i].getAttribute("data-impact")] !== false;
      items[i].hidden = !visible;
      if (visible) { shown++; }
    }
    // A filter never leaves a heading over nothing: a section with no item shown is hidden.
    for (i = 0; i < sections.length; i++) {
      var inside = sections[i].querySelectorAll("[data-impact]");
      var any = inside.length === 0;
      for (var k = 0; k < inside.length; k++) { if (!inside[k].hidden) { any = true; } }
      sections[i].hidden = !any;
    }
    status.textContent = "Showing " + shown + " of " + items.length + " " + status.getAttribute("data-unit") + ".";
  }
  for (var i = 0; i < boxes.length; i++) { boxes[i].addEventListener("change", apply); }
  form.hidden = false;
  apply();
}());
