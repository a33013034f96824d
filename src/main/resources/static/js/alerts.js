// The worker app's alert list: refreshed when the server says alerts changed, and once a
// minute anyway so "12 min ago" and the escalation countdowns stay true.
(function () {
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
        document.getElementById('live').textContent = 'Alerts updated.';
      })
      .catch(function () { document.getElementById('live').textContent = 'Could not refresh alerts; reload the page.'; });
  }
})();
