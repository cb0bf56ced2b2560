// Shared page behaviour. Pages work without it; it adds the reader's local time and marks wide tables.
(function () {
  'use strict';
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    zone = null;
  }
  if (!zone || zone === 'UTC' || zone === 'Etc/UTC') return;
  // dateStyle cannot be combined with timeZoneName, so the fields are spelt out.
  var fmt = new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
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

(function () {
  'use strict';
  // A table wider than its scroll box says so: a hint above it, and a fade on each side that hides columns.
  document.querySelectorAll('.table-scroll').forEach(function (box) {
    var hint = document.createElement('p');
    hint.className = 'scroll-hint';
    hint.textContent = 'Wider than the screen: scroll sideways to see every column.';
    hint.hidden = true;
    box.parentNode.insertBefore(hint, box);
    function mark() {
      var hidden = box.scrollWidth - box.clientWidth;
      hint.hidden = hidden <= 1;
      box.classList.toggle('more-left', hidden > 1 && box.scrollLeft > 1);
      box.classList.toggle('more-right', hidden > 1 && box.scrollLeft < hidden - 1);
    }
    box.addEventListener('scroll', mark, { passive: true });
    window.addEventListener('resize', mark);
    mark();
  });
})();
