// faqlint HTML report: draws the findings from the JSON block, a few file
// groups at a time (more as the reader scrolls), and filters them.
// Text from the linted pages is only ever set with textContent, never as HTML.
(function () {
  "use strict";
  var dataNode = document.getElementById("faqlint-data");
  if (!dataNode) { return; }
  var data = JSON.parse(dataNode.textContent);

  // Clean files: listed when the reader opens the list.
  var cleanFiles = document.getElementById("clean-files");
  if (cleanFiles) {
    cleanFiles.addEventListener("toggle", function () {
      var cleanList = document.getElementById("clean-list");
      if (!cleanFiles.open || cleanList.childElementCount) { return; }
      data.clean.forEach(function (path) {
        var item = document.createElement("li");
        item.textContent = path;
        cleanList.appendChild(item);
      });
    });
  }
  var list = document.getElementById("findings");
  if (!list) { return; }
  var CHUNK = 150; // findings drawn per step
  var SEVERITIES = ["error", "warning", "info"];

  var more = document.getElementById("more");
  var moreButton = document.getElementById("more-button");
  var shown = document.getElementById("shown");
  var noMatch = document.getElementById("no-match");
  var search = document.getElementById("search");
  var ruleFilter = document.getElementById("rule-filter");
  var fileFilter = document.getElementById("file-filter");
  var severityBoxes = document.querySelectorAll(".severity-filter input[type=checkbox]");

  // One flat list of findings with what the search looks at, built once.
  var total = 0;
  data.files.forEach(function (file) {
    file.entries.forEach(function (entry) {
      entry.findings.forEach(function (finding) {
        finding.haystack = [finding.message, finding.rule, finding.code, entry.question || "",
          file.path, finding.fix ? finding.fix.message : ""].join("\n").toLowerCase();
        total += 1;
      });
    });
  });

  var groups = [];   // file groups that match the filters: {file, entries: [{entry, findings}]}
  var drawn = 0;     // index of the next group to draw
  var matched = 0;   // findings that match the filters

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function filters() {
    var severities = {};
    severityBoxes.forEach(function (box) { severities[box.value] = box.checked; });
    return {
      text: search ? search.value.trim().toLowerCase() : "",
      rule: ruleFilter ? ruleFilter.value : "",
      file: fileFilter ? fileFilter.value.trim().toLowerCase() : "",
      severities: severities
    };
  }

  function matches(finding, f) {
    if (!f.severities[finding.severity]) { return false; }
    if (f.rule && finding.rule !== f.rule) { return false; }
    if (f.text) {
      var words = f.text.split(/\s+/);
      for (var i = 0; i < words.length; i++) {
        if (finding.haystack.indexOf(words[i]) < 0) { return false; }
      }
    }
    return true;
  }

  function applyFilters() {
    var f = filters();
    groups = [];
    matched = 0;
    data.files.forEach(function (file) {
      if (f.file && file.path.toLowerCase().indexOf(f.file) < 0) { return; }
      var entries = [];
      file.entries.forEach(function (entry) {
        var kept = entry.findings.filter(function (finding) { return matches(finding, f); });
        if (kept.length) { entries.push({ entry: entry, findings: kept }); matched += kept.length; }
      });
      if (entries.length) { groups.push({ file: file, entries: entries }); }
    });
    list.textContent = "";
    drawn = 0;
    drawMore();
    var filesText = plural(groups.length, "file", "files");
    shown.textContent = matched === total
      ? "Showing all " + plural(total, "finding", "findings") + " in " + filesText + "."
      : "Showing " + matched + " of " + plural(total, "finding", "findings") + " in " + filesText + ".";
    noMatch.hidden = matched !== 0;
    list.setAttribute("data-query", f.text); // what the list shows now (tests wait on it)
    saveState(f);
  }

  function drawMore(all) {
    var budget = all ? Infinity : CHUNK;
    while (drawn < groups.length && budget > 0) {
      var group = groups[drawn];
      list.appendChild(drawFile(group));
      group.entries.forEach(function (e) { budget -= e.findings.length; });
      drawn += 1;
    }
    more.hidden = drawn >= groups.length;
    if (!more.hidden) {
      var left = groups.length - drawn;
      moreButton.textContent = "Show more (" + plural(left, "file", "files") + " left)";
    }
  }

  function drawFile(group) {
    var section = el("section", "file");
    var count = 0;
    group.entries.forEach(function (e) { count += e.findings.length; });
    var title = el("h2", null, group.file.path + " ");
    title.appendChild(el("span", "count", "(" + plural(count, "finding", "findings") + ")"));
    section.appendChild(title);
    group.entries.forEach(function (e) {
      var block = el("div", e.entry.question === null ? "entry page" : "entry");
      var heading = el("h3", null, e.entry.question === null ? "Outside FAQ entries" : e.entry.question);
      if (e.entry.question !== null) { heading.appendChild(el("span", "where", " · line " + e.entry.line)); }
      block.appendChild(heading);
      e.findings.forEach(function (finding) { block.appendChild(drawFinding(group.file, finding)); });
      section.appendChild(block);
    });
    return section;
  }

  function drawFinding(file, finding) {
    var node = el("div", "finding " + finding.severity);
    var head = el("div", "head");
    head.appendChild(el("span", "sev " + finding.severity, finding.severity));
    head.appendChild(el("span", "loc", "line " + finding.line + ", col " + finding.column));
    var rule = el("button", "rule-link", finding.code + " " + finding.rule);
    rule.type = "button";
    rule.setAttribute("data-rule", finding.rule);
    head.appendChild(rule);
    node.appendChild(head);
    node.appendChild(el("p", "msg", finding.message));
    if (finding.fix) {
      var how = finding.fix.safe ? "--fix" : "--fix --unsafe-fixes";
      node.appendChild(el("p", "fix", "Suggestion: " + finding.fix.message + " (" + how + ")"));
    }
    (finding.related || []).forEach(function (r) {
      var text = "See " + r.path + ":" + r.line + (r.message ? " (" + r.message + ")" : "");
      node.appendChild(el("p", "related", text));
    });
    if (finding.excerpt && finding.excerpt.length) { node.appendChild(drawExcerpt(file, finding)); }
    return node;
  }

  // Source lines with the finding's span marked; columns are 1-based code points.
  function drawExcerpt(file, finding) {
    var pre = el("pre", "src");
    finding.excerpt.forEach(function (number) {
      var text = file.lines[number];
      if (text === undefined) { return; }
      var chars = Array.from(text);
      var cut = file.cuts[number] || 0;
      var start = number === finding.line ? finding.column - 1 - cut : 0;
      var end = number === finding.endLine ? finding.endColumn - 1 - cut : chars.length;
      start = Math.max(0, Math.min(start, chars.length));
      end = Math.max(start, Math.min(end, chars.length));
      var line = el("span", "line");
      line.appendChild(el("span", "ln", number));
      if (cut) { line.appendChild(el("span", "cut", "…")); }
      line.appendChild(document.createTextNode(chars.slice(0, start).join("")));
      var marked = chars.slice(start, end).join("");
      if (marked) { line.appendChild(el("mark", null, marked)); }
      line.appendChild(document.createTextNode(chars.slice(end).join("")));
      pre.appendChild(line);
    });
    return pre;
  }

  // -- rule docs ------------------------------------------------------------
  var dialog = document.getElementById("rule-doc");
  function showRule(name) {
    var rule = data.rules[name];
    if (!rule || !dialog) { return; }
    document.getElementById("rule-doc-title").textContent = rule.code + " " + name + " (" + rule.severity + ")";
    document.getElementById("rule-doc-text").textContent = rule.doc || rule.summary;
    if (typeof dialog.showModal === "function") { dialog.showModal(); } else { dialog.setAttribute("open", ""); }
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest(".rule-link") : null;
    if (target) { showRule(target.getAttribute("data-rule")); }
    var only = event.target.closest ? event.target.closest(".show-rule") : null;
    if (only && ruleFilter) {
      ruleFilter.value = only.getAttribute("data-rule");
      applyFilters();
      list.scrollIntoView({ behavior: "smooth" });
    }
  });

  // -- filter state in the address, so a filtered view can be shared ---------
  function saveState(f) {
    var parts = [];
    if (f.text) { parts.push("q=" + encodeURIComponent(f.text)); }
    if (f.rule) { parts.push("rule=" + encodeURIComponent(f.rule)); }
    if (f.file) { parts.push("file=" + encodeURIComponent(f.file)); }
    var off = SEVERITIES.filter(function (s) { return !f.severities[s]; });
    if (off.length) { parts.push("hide=" + off.join(",")); }
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (hash !== location.hash && history.replaceState) {
      history.replaceState(null, "", hash || location.pathname + location.search);
    }
  }

  function loadState() {
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var pair = part.split("=");
      var value = decodeURIComponent(pair[1] || "");
      if (pair[0] === "q" && search) { search.value = value; }
      if (pair[0] === "rule" && ruleFilter && data.rules[value]) { ruleFilter.value = value; }
      if (pair[0] === "file" && fileFilter) { fileFilter.value = value; }
      if (pair[0] === "hide") {
        var hidden = value.split(",");
        severityBoxes.forEach(function (box) { box.checked = hidden.indexOf(box.value) < 0; });
      }
    });
  }

  // -- wiring ---------------------------------------------------------------
  var fileList = document.getElementById("file-list");
  if (fileList) {
    data.files.forEach(function (file) {
      var option = document.createElement("option");
      option.value = file.path;
      fileList.appendChild(option);
    });
  }
  var timer = null;
  function soon() { clearTimeout(timer); timer = setTimeout(applyFilters, 120); }
  if (search) { search.addEventListener("input", soon); }
  if (fileFilter) { fileFilter.addEventListener("input", soon); }
  if (ruleFilter) { ruleFilter.addEventListener("change", applyFilters); }
  severityBoxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  moreButton.addEventListener("click", function () { drawMore(); });
  if ("IntersectionObserver" in window) {
    // The observer fires on changes only: keep drawing while the button stays near.
    var fill = function () {
      if (!more.hidden && more.getBoundingClientRect().top < window.innerHeight + 800) {
        drawMore();
        requestAnimationFrame(fill);
      }
    };
    new IntersectionObserver(function (seen) {
      if (seen.some(function (s) { return s.isIntersecting; })) { fill(); }
    }, { rootMargin: "800px" }).observe(more);
  }
  window.addEventListener("beforeprint", function () { drawMore(true); });

  loadState();
  applyFilters();
})();
