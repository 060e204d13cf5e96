/*
 * Sales Profit Playbook: make the ipywidgets manager work offline.
 *
 * Loaded on pages that hold widget state, before require.js and embed-amd.js
 * (see nb_ipywidgets_js in _config.yml). Written by hand, not vendored.
 *
 * 1. require.js reads a global `require` object as its configuration. The widget
 *    manager asks require.js where its modules live and loads its fonts from there;
 *    without `paths` entries that is @jupyter-widgets/... next to the page (404).
 *    We point them at the copy beside this script, computed from this script's own
 *    URL so the book also works under a subpath or from file://.
 * 2. The widget library typesets labels with MathJax 2 (MathJax.Hub.Queue); the
 *    book uses MathJax 3, which has no Hub. A small Hub shim forwards the call to
 *    MathJax 3's typesetPromise, so there is no console error and math in widget
 *    labels still renders.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var src = script && script.src ? script.src : "";
  var base = src.slice(0, src.lastIndexOf("/") + 1);

  // Every module in embed-amd.js (base, controls, output, html-manager...) derives
  // its asset URL from its own module URL, so map the whole @jupyter-widgets scope
  // (and the more specific dist path, which require.js matches first) to one folder.
  var dist = base + "html-manager/dist";
  window.require = {
    paths: {
      "@jupyter-widgets/html-manager/dist": dist,
      "@jupyter-widgets": dist
    }
  };
  window.__jupyter_widgets_assets_path__ = dist + "/";

  function installHubShim() {
    var mj = window.MathJax;
    if (!mj || mj.Hub) {
      return;
    }
    mj.Hub = {
      Queue: function () {
        for (var i = 0; i < arguments.length; i++) {
          var job = arguments[i];
          if (Array.isArray(job) && job[0] === "Typeset" && typeof mj.typesetPromise === "function") {
            var el = job[2];
            mj.typesetPromise(el ? [el] : undefined).catch(function () {});
          }
        }
      }
    };
  }
  // MathJax 3 replaces window.MathJax when it starts, so install the shim once it
  // has run: MathJax is loaded async/defer and always before the `load` event, and
  // the widget manager renders on `load` (this listener is registered first).
  document.addEventListener("DOMContentLoaded", installHubShim);
  window.addEventListener("load", installHubShim);
})();
