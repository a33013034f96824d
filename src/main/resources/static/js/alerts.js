// The worker app's alert list: refreshed when the server says alerts changed, and once a
// minute anyway so "12 min ago" and the escalation countdowns stay true.
(function () {
  var refreshes = 0;
  setInterval(refresh, 60000);
  if (!window.EventSource) { setInterval(refresh, 10000); return; }
  var source = new EventSource('/app/alerts/stream');
  source.addEventListener('alerts', function (event) {
    refresh();
  });
  function refresh() {
    fetch('/app/alerts/table', { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        document.getElementById('alerts').outerHTML = html;
        // the stream's first event only confirms what the page shows: nothing to announce
        if (refreshes++ > 0) { document.getElementById('live').textContent = 'Alerts updated.'; }
        document.body.setAttribute('data-refreshes', String(refreshes));
      })
      .catch(function () { document.getElementById('live').textContent = 'Could not refresh alerts; reload the page.'; });
  }
})();
