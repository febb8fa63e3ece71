/*
 * The page editor's slot board (版位预览): one rectangle per slot form of the 版位 inline
 * panel, on a scaled picture of the page grid. Drag a rectangle to move it, drag its
 * bottom-right handle to resize it; arrow keys move the focused rectangle, Shift+arrows
 * resize it. Every change is written into the form's 起始栏/栏数/距版心顶/高度 inputs, which
 * stay the source of truth: editing them moves the rectangle.
 *
 * Plain script, no build step. Grid numbers and words come from the template's data-*
 * attributes (chenbao/editions/templates/editions/admin/slot_board_panel.html).
 */
(function () {
  "use strict";

  var FIELDS = ["column", "span", "top_mm", "height_mm"];

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  function clamp(value, low, high) {
    return Math.max(low, Math.min(high, value));
  }

  /* A number as the form wants it: whole numbers bare, otherwise one decimal. */
  function show(value) {
    return Number.isInteger(value) ? String(value) : value.toFixed(1);
  }

  /* Snap a millimetre length moved by `delta` to whole millimetres; unmoved keeps it. */
  function snapMm(start, delta) {
    return Math.round(delta) === 0 ? start : Math.round(start + delta);
  }

  function SlotBoard(root) {
    var data = root.dataset;
    this.root = root;
    this.prefix = data.formsetPrefix;
    this.columns = parseInt(data.columns, 10);
    this.gutter = parseFloat(data.gutter);
    this.columnWidth = parseFloat(data.columnWidth);
    this.pitch = this.columnWidth + this.gutter;
    this.typeWidth = parseFloat(data.typeWidth);
    this.typeHeight = parseFloat(data.typeHeight);
    this.words = {
      slot: data.slotText,
      position: data.positionText,
      overlap: data.overlapText,
      outside: data.outsideText,
      separator: data.listSeparator,
    };
    this.page = root.querySelector("[data-slot-board-page]");
    this.note = root.querySelector("[data-slot-board-note]");
    this.forms = document.getElementById("id_" + this.prefix + "-FORMS");
    this.rects = new Map();
    this.drag = null;
    this.pending = false;
    if (!this.forms) return;

    var schedule = this.schedule.bind(this);
    // Typing in a number, choosing a story, InlinePanel's add and delete (its DELETE input
    // changes, then the form is removed) all reach the forms' container.
    ["input", "change", "w-formset:added", "w-formset:removed"].forEach(function (name) {
      this.forms.addEventListener(name, schedule);
    }, this);
    this.refresh();
  }

  /* Refresh once the current event is done (a chooser sets its title after its change). */
  SlotBoard.prototype.schedule = function () {
    if (this.pending) return;
    this.pending = true;
    var board = this;
    queueMicrotask(function () {
      board.pending = false;
      board.refresh();
    });
  };

  SlotBoard.prototype.input = function (formPrefix, name) {
    return document.getElementById("id_" + formPrefix + "-" + name);
  };

  /* The slot forms still on the page, in their order: [{prefix, element}]. */
  SlotBoard.prototype.liveForms = function () {
    var board = this;
    var children = this.forms.querySelectorAll(":scope > [data-inline-panel-child]");
    return Array.prototype.filter
      .call(children, function (child) {
        var prefix = child.id.replace(/^inline_child_/, "");
        var deleted = board.input(prefix, "DELETE");
        return !child.classList.contains("deleted") && !(deleted && deleted.value === "1");
      })
      .map(function (child) {
        return { prefix: child.id.replace(/^inline_child_/, ""), element: child };
      });
  };

  /* The slot's numbers as typed, or null when one is missing or not a number. */
  SlotBoard.prototype.read = function (formPrefix) {
    var values = {};
    for (var i = 0; i < FIELDS.length; i += 1) {
      var input = this.input(formPrefix, FIELDS[i]);
      var value = input ? parseFloat(input.value) : NaN;
      if (!Number.isFinite(value)) return null;
      values[FIELDS[i]] = value;
    }
    return values;
  };

  /* The words a form shows for a field: a select's option, a chooser's title, else "". */
  SlotBoard.prototype.fieldText = function (formPrefix, name) {
    var input = this.input(formPrefix, name);
    if (!input || !input.value) return "";
    if (input.tagName === "SELECT") {
      var option = input.options[input.selectedIndex];
      return option ? option.text.trim() : "";
    }
    var title = document.getElementById(input.id + "-title");
    return title ? title.textContent.trim() : input.value.trim();
  };

  SlotBoard.prototype.labelOf = function (formPrefix) {
    return this.fieldText(formPrefix, "key") || this.fieldText(formPrefix, "kind") || this.words.slot;
  };

  SlotBoard.prototype.fits = function (v) {
    return (
      v.column >= 1 &&
      v.span >= 1 &&
      v.column + v.span - 1 <= this.columns &&
      v.top_mm >= 0 &&
      v.height_mm > 0 &&
      v.top_mm + v.height_mm <= this.typeHeight + 0.01
    );
  };

  SlotBoard.prototype.makeRect = function (formPrefix) {
    var rect = document.createElement("div");
    rect.className = "slot-board__slot";
    rect.tabIndex = 0;
    rect.setAttribute("role", "button");
    rect.setAttribute("aria-describedby", this.prefix + "-board-help");
    rect.dataset.slotPrefix = formPrefix;
    var label = document.createElement("span");
    label.className = "slot-board__label";
    var title = document.createElement("span");
    title.className = "slot-board__title";
    var handle = document.createElement("span");
    handle.className = "slot-board__handle";
    handle.dataset.slotHandle = "";
    handle.setAttribute("aria-hidden", "true");
    rect.append(label, title, handle);
    rect.addEventListener("pointerdown", this.startDrag.bind(this, formPrefix));
    rect.addEventListener("keydown", this.onKey.bind(this, formPrefix));
    this.page.appendChild(rect);
    return rect;
  };

  SlotBoard.prototype.refresh = function () {
    var board = this;
    var seen = new Set();
    var placed = [];
    var outside = [];
    this.liveForms().forEach(function (form) {
      seen.add(form.prefix);
      var rect = board.rects.get(form.prefix);
      if (!rect) {
        rect = board.makeRect(form.prefix);
        board.rects.set(form.prefix, rect);
      }
      var values = board.read(form.prefix);
      var label = board.labelOf(form.prefix);
      rect.querySelector(".slot-board__label").textContent = label;
      rect.querySelector(".slot-board__title").textContent =
        board.fieldText(form.prefix, "story") || board.fieldText(form.prefix, "ad");
      rect.hidden = values === null;
      if (values === null) return;
      board.place(rect, values);
      rect.setAttribute(
        "aria-label",
        format(board.words.position, {
          label: label,
          column: show(values.column),
          span: show(values.span),
          top: show(values.top_mm),
          height: show(values.height_mm),
        })
      );
      var fits = board.fits(values);
      rect.classList.toggle("is-outside", !fits);
      if (!fits) outside.push(label);
      placed.push({ rect: rect, label: label, v: values });
    });
    this.rects.forEach(function (rect, formPrefix) {
      if (!seen.has(formPrefix)) {
        rect.remove();
        board.rects.delete(formPrefix);
      }
    });

    var overlapping = [];
    placed.forEach(function (a) {
      a.rect.classList.remove("is-overlapping");
    });
    placed.forEach(function (a, i) {
      placed.slice(i + 1).forEach(function (b) {
        var across =
          a.v.column < b.v.column + b.v.span && b.v.column < a.v.column + a.v.span;
        var down =
          a.v.top_mm < b.v.top_mm + b.v.height_mm && b.v.top_mm < a.v.top_mm + a.v.height_mm;
        if (across && down) {
          [a, b].forEach(function (slot) {
            slot.rect.classList.add("is-overlapping");
            if (overlapping.indexOf(slot.label) < 0) overlapping.push(slot.label);
          });
        }
      });
    });

    var lines = [];
    var sep = this.words.separator;
    if (overlapping.length) lines.push(format(this.words.overlap, { slots: overlapping.join(sep) }));
    if (outside.length) lines.push(format(this.words.outside, { slots: outside.join(sep) }));
    var text = lines.join(" ");
    if (this.note.textContent !== text) this.note.textContent = text;
    this.root.classList.toggle("has-problems", lines.length > 0);
  };

  /* Put a rectangle where its numbers say, clamped to the picture so it stays visible. */
  SlotBoard.prototype.place = function (rect, v) {
    var span = clamp(Math.round(v.span), 1, this.columns);
    var column = clamp(Math.round(v.column), 1, this.columns - span + 1);
    var top = clamp(v.top_mm, 0, this.typeHeight);
    var height = clamp(v.height_mm, 0, this.typeHeight - top);
    rect.style.left = ((column - 1) * this.pitch * 100) / this.typeWidth + "%";
    rect.style.width = ((span * this.pitch - this.gutter) * 100) / this.typeWidth + "%";
    rect.style.top = (top * 100) / this.typeHeight + "%";
    rect.style.height = (height * 100) / this.typeHeight + "%";
  };

  /* Keep a slot on the grid: moving keeps its size, resizing keeps its corner. */
  SlotBoard.prototype.fit = function (v, resizing) {
    var out = Object.assign({}, v);
    if (resizing) {
      out.span = clamp(out.span, 1, Math.max(1, this.columns - out.column + 1));
      out.height_mm = clamp(out.height_mm, 1, Math.max(1, this.typeHeight - out.top_mm));
    } else {
      out.column = clamp(out.column, 1, Math.max(1, this.columns - out.span + 1));
      out.top_mm = clamp(out.top_mm, 0, Math.max(0, this.typeHeight - out.height_mm));
    }
    return out;
  };

  /* Write changed numbers into the form's inputs, as if typed. */
  SlotBoard.prototype.write = function (formPrefix, values, eventName) {
    var board = this;
    FIELDS.forEach(function (name) {
      var input = board.input(formPrefix, name);
      if (!input || parseFloat(input.value) === values[name]) return;
      input.value = show(values[name]);
      input.dispatchEvent(new Event(eventName, { bubbles: true }));
      input.dataset.slotBoardChanged = "1";
    });
  };

  /* Fire one "change" for each input a drag or key press changed. */
  SlotBoard.prototype.commit = function (formPrefix) {
    var board = this;
    FIELDS.forEach(function (name) {
      var input = board.input(formPrefix, name);
      if (input && input.dataset.slotBoardChanged) {
        delete input.dataset.slotBoardChanged;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  };

  SlotBoard.prototype.startDrag = function (formPrefix, event) {
    if (event.button !== 0) return;
    var start = this.read(formPrefix);
    if (start === null) return;
    event.preventDefault();
    var rect = event.currentTarget;
    rect.focus();
    rect.setPointerCapture(event.pointerId);
    this.drag = {
      prefix: formPrefix,
      rect: rect,
      resizing: event.target.hasAttribute("data-slot-handle"),
      start: start,
      x: event.clientX,
      y: event.clientY,
      mmPerPx: this.typeWidth / this.page.getBoundingClientRect().width,
      move: this.onDrag.bind(this),
      end: this.endDrag.bind(this),
    };
    rect.classList.add("is-dragging");
    rect.addEventListener("pointermove", this.drag.move);
    rect.addEventListener("pointerup", this.drag.end);
    rect.addEventListener("pointercancel", this.drag.end);
  };

  SlotBoard.prototype.onDrag = function (event) {
    var d = this.drag;
    if (!d) return;
    var dx = (event.clientX - d.x) * d.mmPerPx;
    var dy = (event.clientY - d.y) * d.mmPerPx;
    var v = Object.assign({}, d.start);
    var left = (d.start.column - 1) * this.pitch;
    if (d.resizing) {
      var width = d.start.span * this.pitch - this.gutter + dx;
      v.span = Math.round((width + this.gutter) / this.pitch);
      v.height_mm = snapMm(d.start.height_mm, dy);
    } else {
      v.column = Math.round((left + dx) / this.pitch) + 1;
      v.top_mm = snapMm(d.start.top_mm, dy);
    }
    this.write(d.prefix, this.fit(v, d.resizing), "input");
    this.refresh();
  };

  SlotBoard.prototype.endDrag = function (event) {
    var d = this.drag;
    if (!d) return;
    this.drag = null;
    d.rect.classList.remove("is-dragging");
    d.rect.removeEventListener("pointermove", d.move);
    d.rect.removeEventListener("pointerup", d.end);
    d.rect.removeEventListener("pointercancel", d.end);
    if (d.rect.hasPointerCapture(event.pointerId)) d.rect.releasePointerCapture(event.pointerId);
    this.commit(d.prefix);
  };

  var KEYS = {
    ArrowLeft: ["column", "span", -1],
    ArrowRight: ["column", "span", 1],
    ArrowUp: ["top_mm", "height_mm", -1],
    ArrowDown: ["top_mm", "height_mm", 1],
  };

  SlotBoard.prototype.onKey = function (formPrefix, event) {
    var key = KEYS[event.key];
    if (!key || event.altKey || event.ctrlKey || event.metaKey) return;
    var v = this.read(formPrefix);
    if (v === null) return;
    event.preventDefault();
    var resizing = event.shiftKey;
    var name = resizing ? key[1] : key[0];
    v[name] += key[2];
    this.write(formPrefix, this.fit(v, resizing), "input");
    this.commit(formPrefix);
    this.refresh();
  };

  function init() {
    document.querySelectorAll("[data-slot-board]").forEach(function (root) {
      if (!root.slotBoard) root.slotBoard = new SlotBoard(root);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
