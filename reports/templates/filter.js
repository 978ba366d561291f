(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var boxes = form.querySelectorAll("input[type=checkbox]");
  var status = document.getElementById("filter-status");
  var items = document.querySelectorAll("[data-impact][data-audience]");
  function apply() {
    var on = {};
    var shown = 0;
    var i;
    for (i = 0; i < boxes.length; i++) { on[boxes[i].value] = boxes[i].checked; }
    for (i = 0; i < items.length; i++) {
      var item = items[i];
      var visible = on[item.getAttribute("data-impact")] !== false &&
        on[item.getAttribute("data-audience")] !== false;
      item.hidden = !visible;
      if (visible && item.classList.contains("finding")) { shown++; }
    }
    var total = document.querySelectorAll(".finding[data-impact]").length;
    status.textContent = "Showing " + shown + " of " + total + " problem descriptions.";
  }
  for (var i = 0; i < boxes.length; i++) { boxes[i].addEventListener("change", apply); }
  form.hidden = false;
  window.addEventListener("beforeprint", function () {
    var details = document.querySelectorAll("details");
    for (var j = 0; j < details.length; j++) { details[j].open = true; }
  });
}());
