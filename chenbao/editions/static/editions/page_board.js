/* The page board (版面编辑台): the page's slots to scale, dragged and resized with
   interact.js; each drop sends the slots to the server, which re-flows the page and answers
   with the slots where they landed, the page image and each slot's problems (overset with
   the characters to cut, overlap, off the type area). Nothing is saved until 保存版式. */
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  function clamp(value, low, high) {
    return Math.max(low, Math.min(high, value));
  }

  var KIND_NAMES = { story: "稿件", weather: "天气预报", tipline: "爆料栏", ad: "广告", picture: "图片" };

  function PageBoard(root) {
    var data = root.dataset;
    this.root = root;
    this.previewUrl = data.previewUrl;
    this.saveUrl = data.saveUrl;
    this.columns = parseInt(data.columns, 10);
    this.gutter = parseFloat(data.gutter);
    this.pitch = parseFloat(data.columnWidth) + this.gutter;
    this.typeWidth = parseFloat(data.typeWidth);
    this.typeHeight = parseFloat(data.typeHeight);
    this.text = data;
    this.page = root.querySelector("[data-board-page]");
    this.image = root.querySelector("[data-board-image]");
    this.problemList = root.querySelector("[data-board-problems]");
    this.status = root.querySelector("[data-board-status]");
    this.undoButton = root.querySelector("[data-board-undo]");
    this.contentSelect = root.querySelector("[data-board-content]");
    this.csrf = root.querySelector("[name=csrfmiddlewaretoken]").value;
    this.history = [];
    this.sequence = 0;
    this.edited = false;
    var state = JSON.parse(document.getElementById("page-board-state").textContent);
    this.show(state);
    this.say(state.automatic ? this.text.textAutomatic : this.text.textSaved);
    this.undoButton.addEventListener("click", this.undo.bind(this));
    root.querySelector("[data-board-automatic]").addEventListener("click", this.automatic.bind(this));
    root.querySelector("[data-board-add]").addEventListener("click", this.add.bind(this));
    root.querySelector("[data-board-save]").addEventListener("click", this.save.bind(this));
    this.bind();
  }

  PageBoard.prototype.say = function (text) {
    this.status.textContent = text;
  };

  PageBoard.prototype.mmPerPx = function () {
    return this.typeWidth / this.page.getBoundingClientRect().width;
  };

  /* Draw the state the server answered with: slots, image, problems, what may be added. */
  PageBoard.prototype.show = function (state) {
    this.slots = state.slots;
    this.automaticLayout = state.automatic;
    this.contents = state.contents;
    this.image.src = state.image;
    this.page.querySelectorAll("[data-board-slot]").forEach(function (el) {
      el.remove();
    });
    state.slots.forEach(this.draw, this);
    this.problemList.replaceChildren.apply(
      this.problemList,
      state.problems.map(function (text) {
        var li = document.createElement("li");
        li.textContent = text;
        return li;
      })
    );
    this.fillContents();
    this.undoButton.disabled = this.history.length === 0;
  };

  PageBoard.prototype.draw = function (slot, index) {
    var el = document.createElement("div");
    el.className = "page-board__slot";
    el.dataset.boardSlot = slot.key;
    el.dataset.index = String(index);
    el.tabIndex = 0;
    var kind = document.createElement("span");
    kind.className = "page-board__slot-kind";
    kind.textContent = KIND_NAMES[slot.kind] || slot.kind;
    var label = document.createElement("span");
    label.className = "page-board__slot-label";
    label.textContent = slot.label;
    el.append(kind, label);
    slot.problems.forEach(function (text) {
      var p = document.createElement("span");
      p.className = "page-board__slot-problem";
      p.textContent = text;
      el.appendChild(p);
    });
    if (slot.overset_chars) el.dataset.oversetChars = String(slot.overset_chars);
    el.classList.toggle("has-problem", slot.problems.length > 0);
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "page-board__slot-remove";
    remove.dataset.boardRemove = "";
    remove.textContent = "×";
    remove.title = "删除版位";
    remove.addEventListener("click", this.remove.bind(this, index));
    el.appendChild(remove);
    el.setAttribute(
      "aria-label",
      format(this.text.textPosition, {
        label: slot.label,
        column: slot.column,
        span: slot.span,
        top: slot.top,
        height: slot.height,
      })
    );
    this.place(el, slot);
    this.page.appendChild(el);
  };

  PageBoard.prototype.place = function (el, slot) {
    el.style.left = ((slot.column - 1) * this.pitch * 100) / this.typeWidth + "%";
    el.style.width = ((slot.span * this.pitch - this.gutter) * 100) / this.typeWidth + "%";
    el.style.top = (slot.top * 100) / this.typeHeight + "%";
    el.style.height = (Math.min(slot.height, this.typeHeight - slot.top) * 100) / this.typeHeight + "%";
  };

  /* What the page holds that has no slot yet, for 添加版位. */
  PageBoard.prototype.fillContents = function () {
    var used = this.slots.map(function (s) {
      return s.kind + ":" + (s.story || s.ad || "");
    });
    var select = this.contentSelect;
    select.replaceChildren();
    this.contents.forEach(function (content, i) {
      var id = content.kind + ":" + (content.story || content.ad || "");
      if (used.indexOf(id) >= 0) return;
      var option = document.createElement("option");
      option.value = String(i);
      option.textContent = (KIND_NAMES[content.kind] || "") + " · " + content.label;
      select.appendChild(option);
    });
    select.disabled = select.options.length === 0;
  };

  PageBoard.prototype.copy = function () {
    return this.slots.map(function (s) {
      return Object.assign({}, s, { problems: [] });
    });
  };

  /* Remember the layout before a change, then re-flow with the changed slots. */
  PageBoard.prototype.change = function (slots, automatic) {
    this.history.push({ slots: this.copy(), automatic: this.automaticLayout });
    this.edited = true;
    this.reflow(slots, automatic);
  };

  // POST `body` as JSON to the board's view; resolve with its answer, reject with its error.
  PageBoard.prototype.post = function (url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": this.csrf },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.error || response.statusText);
        return data;
      });
    });
  };

  PageBoard.prototype.reflow = function (slots, automatic) {
    var board = this;
    var sequence = ++this.sequence;
    var started = performance.now();
    this.root.classList.add("is-working");
    this.say(this.text.textWorking);
    var body = automatic ? { automatic: true } : { slots: slots };
    return this.post(this.previewUrl, body)
      .then(function (state) {
        if (sequence !== board.sequence) return; // a later drop is on its way
        board.show(state);
        board.root.dataset.reflowMs = String(Math.round(performance.now() - started));
        board.say(format(board.text.textReflowed, { seconds: state.seconds }) + " · " + board.text.textEdited);
      })
      .catch(function (error) {
        if (sequence !== board.sequence) return;
        var last = board.history.pop();
        if (last) board.show({ slots: last.slots, automatic: last.automatic, contents: board.contents, image: board.image.src, problems: [] });
        board.say(format(board.text.textFailed, { error: error.message }));
      })
      .finally(function () {
        if (sequence === board.sequence) board.root.classList.remove("is-working");
      });
  };

  PageBoard.prototype.undo = function () {
    var last = this.history.pop();
    if (!last) return;
    this.reflow(last.slots, last.automatic);
  };

  PageBoard.prototype.automatic = function () {
    this.change([], true);
  };

  PageBoard.prototype.remove = function (index, event) {
    event.stopPropagation();
    var slots = this.copy();
    slots.splice(index, 1);
    this.change(slots, false);
  };

  /* A new slot has no column: the server puts it at the first free place. */
  PageBoard.prototype.add = function () {
    var content = this.contents[parseInt(this.contentSelect.value, 10)];
    if (!content) return;
    var slots = this.copy();
    slots.push({
      key: content.kind + "-" + (slots.length + 1),
      kind: content.kind,
      story: content.story,
      ad: content.ad,
      column: null,
      span: content.kind === "story" ? 4 : 2,
      height: content.kind === "story" ? 120 : 60,
    });
    this.change(slots, false);
  };

  PageBoard.prototype.save = function () {
    var board = this;
    var body = this.automaticLayout ? { automatic: true } : { slots: this.slots };
    this.post(this.saveUrl, body)
      .then(function (data) {
        board.edited = false;
        board.say(data.automatic ? board.text.textResetDone : board.text.textSavedDone);
      })
      .catch(function (error) {
        board.say(format(board.text.textFailed, { error: error.message }));
      });
  };

  /* Snap a slot moved or resized by (dx, dy, dw, dh) pixels to whole columns and millimetres. */
  PageBoard.prototype.snapped = function (slot, d) {
    var mm = this.mmPerPx();
    var out = Object.assign({}, slot, { problems: [] });
    var left = (slot.column - 1) * this.pitch + d.dx * mm;
    var width = slot.span * this.pitch - this.gutter + d.dw * mm;
    out.span = clamp(Math.round((width + this.gutter) / this.pitch), 1, this.columns);
    out.column = clamp(Math.round(left / this.pitch) + 1, 1, this.columns - out.span + 1);
    out.height = clamp(Math.round(slot.height + d.dh * mm), 1, Math.floor(this.typeHeight));
    out.top = clamp(Math.round(slot.top + d.dy * mm), 0, Math.floor(this.typeHeight - out.height));
    return out;
  };

  PageBoard.prototype.bind = function () {
    var board = this;
    function moved(event) {
      var el = event.target;
      var d = el._boardDelta || (el._boardDelta = { dx: 0, dy: 0, dw: 0, dh: 0 });
      if (event.type === "dragmove") {
        d.dx += event.dx;
        d.dy += event.dy;
      } else {
        d.dx += event.deltaRect.left;
        d.dy += event.deltaRect.top;
        d.dw += event.deltaRect.width;
        d.dh += event.deltaRect.height;
      }
      el.style.transform = "translate(" + d.dx + "px, " + d.dy + "px)";
      if (event.type === "resizemove") {
        el.style.width = event.rect.width + "px";
        el.style.height = event.rect.height + "px";
      }
    }
    function ended(event) {
      var el = event.target;
      var d = el._boardDelta;
      el._boardDelta = null;
      if (!d) return;
      var index = parseInt(el.dataset.index, 10);
      var slots = board.copy();
      slots[index] = board.snapped(slots[index], d);
      board.change(slots, false);
    }
    interact(".page-board__slot", { context: this.page })
      .draggable({ listeners: { move: moved, end: ended }, ignoreFrom: "[data-board-remove]" })
      .resizable({
        edges: { right: true, bottom: true, left: false, top: false },
        margin: 8,
        listeners: { move: moved, end: ended },
      });
  };

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-page-board]").forEach(function (root) {
      root.pageBoard = new PageBoard(root);
    });
  });
})();
