// The live feed: asks the server what happened since the last answer (its cursor) every 15 seconds while the page is
// visible, and puts the newest on top. The server filters by TLP; text goes in as text, never as markup. The list's
// data-source (a platform page's: /api/v1/live?platform=ID) narrows what is asked.
(function () {
  const list = document.getElementById('live-feed');
  if (!list) return;
  const state = document.getElementById('live-state');
  const every = Number(list.dataset.interval || 15000);
  const source = list.dataset.source || '/api/v1/live';
  let cursor = null;
  let timer = null;

  function render(item, fresh) {
    const li = document.createElement('li');
    li.className = 'border-bottom py-1' + (fresh ? ' live-new' : '');
    li.dataset.kind = item.kind;
    const when = document.createElement('time');
    when.dateTime = item.at;
    when.className = 'text-muted me-1';
    when.textContent = new Date(item.at).toLocaleString(document.documentElement.lang || undefined, { dateStyle: 'short', timeStyle: 'short' });
    const kind = document.createElement('span');
    kind.className = 'badge text-bg-light me-1';
    kind.textContent = item.label;
    const link = document.createElement('a');
    link.href = item.href;
    link.textContent = item.title;
    li.append(when, kind, link);
    if (item.detail) {
      const detail = document.createElement('div');
      detail.className = 'text-muted text-truncate';
      detail.textContent = item.detail;
      li.append(detail);
    }
    return li;
  }

  async function poll() {
    try {
      const response = await fetch(source + (cursor ? (source.includes('?') ? '&' : '?') + 'since=' + encodeURIComponent(cursor) : ''), { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) throw new Error(String(response.status));
      const batch = await response.json();
      const first = cursor === null;
      cursor = batch.cursor;
      const empty = list.querySelector('.live-empty');
      if (batch.items.length > 0 && empty) empty.remove();
      batch.items.slice().reverse().forEach(function (item) { list.prepend(render(item, !first)); });
      while (list.children.length > 50) list.lastElementChild.remove();
      if (list.children.length === 0) {
        const li = document.createElement('li');
        li.className = 'live-empty text-muted';
        li.textContent = list.dataset.empty;
        list.append(li);
      }
      state.classList.replace('text-bg-secondary', 'text-bg-success');
      list.dataset.polled = String(Number(list.dataset.polled || 0) + 1);
    } catch (e) {
      state.classList.replace('text-bg-success', 'text-bg-secondary');
    }
  }

  function schedule() {
    clearInterval(timer);
    timer = setInterval(function () { if (document.visibilityState === 'visible') poll(); }, every);
  }
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'visible') poll(); });
  poll();
  schedule();
})();
