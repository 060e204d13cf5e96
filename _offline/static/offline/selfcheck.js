/* Self-checks in the static book: an exercise answers with no kernel.
 *
 * In JupyterLab and Voilà the exercise's Check button asks the kernel
 * (salesprofit.teach.Exercise.check). The static book has no kernel, so this script,
 * added to the book's pages only (_ext/selfcheck.py), checks the typed answer in the
 * page. Everything it says was written by the library into the exercise's hidden key
 * (Exercise.static_key): the answer, the tolerance, the typical mistakes and every
 * feedback sentence. This script only compares numbers. */
(function () {
  "use strict";

  function decode(panel, selector) {
    var key = panel.querySelector(selector || ".sp-exercise-key");
    if (!key) return null;
    var bytes = Uint8Array.from(atob(key.getAttribute("data-check")), function (c) {
      return c.charCodeAt(0);
    });
    return JSON.parse(new TextDecoder("utf-8").decode(bytes));
  }

  function verdict(spec, typed) {
    var text = (typed || "").trim();
    if (!text) return ["sp-hint", spec.empty];
    var value = Number(text.replace(/[,%¥\s]/g, ""));
    if (!isFinite(value)) return ["sp-hint", spec.invalid];
    var close = function (a, b) { return Math.abs(a - b) <= spec.tolerance; };
    if (close(value, spec.answer)) return ["sp-right", spec.right];
    for (var i = 0; i < spec.mistakes.length; i++) {
      if (close(value, spec.mistakes[i].value)) return ["sp-wrong", spec.mistakes[i].message];
    }
    if (spec.percent && close(value * 100, spec.answer)) return ["sp-wrong", spec.fraction];
    if (spec.percent && Math.abs(value + spec.answer) <= spec.tolerance) return ["sp-wrong", spec.sign];
    return ["sp-wrong", spec.wrong];
  }

  function check(panel) {
    var spec = decode(panel);
    var input = panel.querySelector(".sp-answer input, input.sp-answer, input");
    var out = panel.querySelector(".sp-exercise-feedback .widget-html-content") ||
      panel.querySelector(".sp-exercise-feedback");
    if (!spec || !input || !out) return;
    var result = verdict(spec, input.value);
    var box = document.createElement("div");
    box.className = "sp-feedback " + result[0];
    box.innerHTML = result[1];
    out.replaceChildren(box);
  }

  /* The final assessment: score the chosen options, list the labs to revisit. */
  function score(panel) {
    var spec = decode(panel, ".sp-assessment-key");
    var out = panel.querySelector(".sp-assessment-result .widget-html-content") ||
      panel.querySelector(".sp-assessment-result");
    if (!spec || !out) return;
    var m = spec.messages, total = spec.correct.length, right = 0, revisit = [];
    panel.querySelectorAll(".sp-assessment-choice").forEach(function (group, i) {
      var inputs = Array.prototype.slice.call(group.querySelectorAll("input[type=radio]"));
      var chosen = inputs.findIndex(function (x) { return x.checked; });
      if (chosen === spec.correct[i]) right += 1; else revisit.push(i);
    });
    var need = Math.ceil(spec.pass_mark * total - 1e-9), passed = right >= need;
    var parts = [m.score.replace("{right}", right).replace("{total}", total)
      .replace("{share}", Math.round(100 * right / total))];
    if (right === total) {
      parts.push(m.perfect);
    } else {
      parts.push((passed ? m.passed : m.failed).replace("{need}", need).replace("{total}", total));
      var items = revisit.map(function (i) {
        var lab = spec.labs[i], href = "../" + lab.path.replace(/\.ipynb$/, ".html");
        var word = m.question.charAt(0).toUpperCase() + m.question.slice(1);
        return "<li>" + word + " " + (i + 1) + ": " + m.revisit + ' <a href="' + href + '">lab ' +
          lab.lab + "</a></li>";
      });
      parts.push("<ul>" + items.join("") + "</ul>");
    }
    var box = document.createElement("div");
    box.className = "sp-feedback " + (passed ? "sp-right" : "sp-wrong");
    box.innerHTML = parts.join(" ");
    out.replaceChildren(box);
  }

  document.addEventListener("click", function (event) {
    if (!event.target.closest) return;
    var button = event.target.closest(".sp-exercise button");
    if (button) check(button.closest(".sp-exercise"));
    var scoring = event.target.closest(".sp-assessment button.sp-score, .sp-assessment .sp-score button");
    if (scoring) score(scoring.closest(".sp-assessment"));
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.closest) return;
    var panel = event.target.closest(".sp-exercise");
    if (panel && event.target.tagName === "INPUT") check(panel);
  });
})();
