// Shared page behaviour. Pages work without it; it only adds the reader's local time.
(function () {
  'use strict';
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { zone = null; }
  if (!zone || zone === 'UTC' || zone === 'Etc/UTC') return;
  // dateStyle cannot be combined with timeZoneName, so the fields are spelt out.
  var fmt = new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short'
  });
  document.querySelectorAll('time[data-local-time]').forEach(function (el) {
    var d = new Date(el.getAttribute('datetime'));
    if (isNaN(d.getTime())) return;
    var span = document.createElement('span');
    span.className = 'local-time';
    span.textContent = ' (your time: ' + fmt.format(d) + ')';
    el.insertAdjacentElement('afterend', span);
  });
})();
