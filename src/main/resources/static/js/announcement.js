// New announcement form: a live count of characters and SMS segments as SMS would send the
// text (after folding typographic quotes and dashes to GSM-7, as the SMS channel does), and
// the send date and time shown only when "At a time" is chosen. Without script the form still
// works: the fields are simply always shown and the server checks everything.
(function () {
  'use strict';
  var GSM = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
  var EXTENDED = '^{}\\[~]|€\f';
  var FOLDS = {
    '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'",
    '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u2033': '"',
    '\u2013': '-', '\u2014': '-', '\u2012': '-', '\u2010': '-', '\u2011': '-', '\u2212': '-',
    '\u2026': '...', '\u00a0': ' ', '\u2007': ' ', '\u202f': ' ', '\u2009': ' ', '\u200b': '',
    '\u2022': '-', '\u00b7': '-', '\t': ' '
  };

  function fold(text) {
    var out = '';
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      out += Object.prototype.hasOwnProperty.call(FOLDS, c) ? FOLDS[c] : c;
    }
    return out;
  }

  function sms(text) {
    var folded = fold(text);
    var gsm = true;
    var septets = 0;
    for (var i = 0; i < folded.length; i++) {
      var c = folded.charAt(i);
      if (EXTENDED.indexOf(c) >= 0) {
        septets += 2;
      } else if (GSM.indexOf(c) >= 0) {
        septets += 1;
      } else {
        gsm = false;
      }
    }
    var units = gsm ? septets : folded.length;
    var single = gsm ? 160 : 70;
    var part = gsm ? 153 : 67;
    var segments = units === 0 ? 1 : (units <= single ? 1 : Math.ceil(units / part));
    return { gsm: gsm, units: units, segments: segments };
  }

  var body = document.getElementById('body');
  var count = document.getElementById('body-count');
  if (body && count) {
    var max = parseInt(count.getAttribute('data-max'), 10) || 1000;
    var timer = null;
    var update = function () {
      var n = body.value.length;
      var s = sms(body.value);
      count.textContent = n + ' of ' + max + ' characters · SMS: ' + s.segments +
        (s.segments === 1 ? ' segment' : ' segments') +
        (s.gsm ? '' : ' (Unicode: 70 characters a segment)');
      count.classList.toggle('over', n > max);
    };
    // polite: the count is announced once typing pauses, not at every key
    body.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 250);
    });
    update();
  }

  var later = document.getElementById('when-later');
  var now = document.getElementById('when-now');
  var at = document.getElementById('send-at');
  if (later && now && at) {
    var send = document.getElementById('send');
    var toggle = function () {
      at.hidden = !later.checked;
      if (send) {
        send.textContent = later.checked ? 'Schedule' : 'Send now';
      }
    };
    later.addEventListener('change', toggle);
    now.addEventListener('change', toggle);
    toggle();
  }

  var errors = document.getElementById('errors');
  if (errors) {
    errors.focus();
  }
}());
