// A young person's page: picking a canned reply puts its words in the reply box to edit
// before sending. Without this script the form still works: the chosen reply is sent.
(function () {
  var canned = document.getElementById('canned');
  var box = document.getElementById('reply-text');
  if (!canned || !box) { return; }
  canned.addEventListener('change', function () {
    var option = canned.options[canned.selectedIndex];
    var text = option ? option.getAttribute('data-text') : null;
    if (text) {
      box.value = text;
      box.focus();
    }
  });
})();
