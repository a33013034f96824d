// Uploads on the admin screens (article zip, caseload CSV): the form works without this
// script too (a multipart post with its _csrf part). With it, the file goes as the request
// body with the token in a header, and the page says what is happening while it uploads.
// The server keeps the outcome for the page it then sends us to.
(function () {
  document.querySelectorAll('form[data-upload]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var input = form.querySelector('input[type=file]');
      var token = form.querySelector('input[name=_csrf]');
      var status = form.querySelector('.upload-status');
      var button = form.querySelector('button[type=submit]');
      if (!input.files.length) {
        status.textContent = 'Choose a file first.';
        input.focus();
        return;
      }
      var file = input.files[0];
      status.textContent = 'Uploading ' + file.name + '…';
      button.disabled = true;
      fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-CSRF-TOKEN': token ? token.value : '', 'Content-Type': file.type || 'application/octet-stream' },
        body: file
      }).then(function (response) {
        if (response.ok && response.redirected) {
          window.location.assign(response.url);
          if (response.url.split('#')[0] === window.location.href.split('#')[0]) {
            window.location.reload();
          }
          return;
        }
        button.disabled = false;
        status.textContent = response.status === 403 ? 'You may not import: only an admin can.'
          : 'The upload failed (' + response.status + '). Try again.';
      }).catch(function () {
        button.disabled = false;
        status.textContent = 'The upload did not reach Waymark. Check your connection and try again.';
      });
    });
  });
  var result = document.getElementById('result');
  if (result && window.location.hash === '#result') {
    result.focus();
  }
})();
