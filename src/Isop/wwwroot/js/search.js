// The navbar's search box: suggestions as one types (a combobox with a listbox), from GET /api/v1/search.
// Arrow keys move through the suggestions, Enter opens the chosen one (or submits the form to /Search), Escape closes.
(function () {
  var form = document.querySelector('form[data-search]');
  if (!form) return;
  var input = form.querySelector('[role="combobox"]');
  var list = document.getElementById(input.getAttribute('aria-controls'));
  var labels = JSON.parse(input.dataset.labels || '{}');
  var timer = null;
  var pending = null;
  var options = [];
  var active = -1;

  function close() {
    list.hidden = true;
    list.replaceChildren();
    options = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function choose(index) {
    if (active >= 0) options[active].setAttribute('aria-selected', 'false');
    active = index;
    if (active < 0) { input.removeAttribute('aria-activedescendant'); return; }
    options[active].setAttribute('aria-selected', 'true');
    input.setAttribute('aria-activedescendant', options[active].id);
    options[active].scrollIntoView({ block: 'nearest' });
  }

  function open(href) { window.location.assign(href); }

  function render(results) {
    list.replaceChildren();
    options = [];
    active = -1;
    var kind = null;
    results.forEach(function (hit) {
      if (hit.kind !== kind) {
        kind = hit.kind;
        var heading = document.createElement('li');
        heading.setAttribute('role', 'presentation');
        heading.className = 'dropdown-header';
        heading.textContent = labels[kind] || kind;
        list.appendChild(heading);
      }
      var option = document.createElement('li');
      option.id = 'site-search-option-' + options.length;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', 'false');
      option.className = 'dropdown-item';
      option.dataset.href = hit.href;
      var title = document.createElement('div');
      title.textContent = hit.title;
      option.appendChild(title);
      if (hit.subtitle) {
        var subtitle = document.createElement('div');
        subtitle.className = 'small';
        subtitle.textContent = hit.subtitle;
        option.appendChild(subtitle);
      }
      // mousedown, not click: the input's blur would close the list first.
      option.addEventListener('mousedown', function (e) { e.preventDefault(); open(hit.href); });
      list.appendChild(option);
      options.push(option);
    });
    if (options.length === 0) {
      var empty = document.createElement('li');
      empty.setAttribute('role', 'presentation');
      empty.className = 'dropdown-item-text text-muted';
      empty.textContent = input.dataset.empty;
      list.appendChild(empty);
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function suggest() {
    var q = input.value.trim();
    if (pending) pending.abort();
    if (q.length === 0 || q.length > 200) { close(); return; }
    pending = new AbortController();
    fetch('/api/v1/search?limit=5&q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal: pending.signal })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer || input.value.trim() !== q) return;
        render(answer.results || []);
      })
      .catch(function () { /* aborted by a newer keystroke, or offline: keep the list as it is */ });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 200);
  });

  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (list.hidden) { if (input.value.trim()) suggest(); return; }
      e.preventDefault();
      if (options.length === 0) return;
      var next = e.key === 'ArrowDown' ? active + 1 : active - 1;
      if (next >= options.length) next = 0;
      if (next < 0) next = options.length - 1;
      choose(next);
    } else if (e.key === 'Enter') {
      if (!list.hidden && active >= 0) { e.preventDefault(); open(options[active].dataset.href); }
    } else if (e.key === 'Escape') {
      if (!list.hidden) { e.preventDefault(); close(); }
    }
  });

  input.addEventListener('blur', function () { setTimeout(close, 100); });
})();
