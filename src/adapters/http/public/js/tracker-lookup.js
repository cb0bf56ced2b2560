// Finds a ballot tracker in the published bulletin, in the browser: the whole bulletin.json is
// downloaded and searched here, so the server never learns which tracker anyone looked for.
(function () {
  'use strict';
  var form = document.getElementById('tracker-lookup');
  if (!form) return;
  var input = document.getElementById('tracker-input');
  var out = document.getElementById('tracker-result');
  var bulletin = null;

  // The same spelling rules as the server's (Crockford base32: O reads as 0, I and L as 1; case, spaces and dashes ignored).
  function normalise(text) {
    var plain = String(text).toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
    return plain.replace(/(.{4})(?=.)/g, '$1-');
  }

  function say(parts) {
    out.textContent = '';
    parts.forEach(function (p) {
      out.appendChild(p);
    });
  }

  function para(text, cls) {
    var p = document.createElement('p');
    if (cls) p.className = cls;
    p.textContent = text;
    return p;
  }

  function ranking(ranks) {
    var byRank = {};
    var none = [];
    Object.keys(ranks).forEach(function (c) {
      var r = ranks[c];
      if (r === null) none.push(c);
      else (byRank[r] = byRank[r] || []).push(c);
    });
    var ol = document.createElement('ol');
    ol.className = 'ranking';
    Object.keys(byRank)
      .map(Number)
      .sort(function (a, b) {
        return a - b;
      })
      .forEach(function (r) {
        var li = document.createElement('li');
        li.textContent = byRank[r].join(' = ');
        ol.appendChild(li);
      });
    var parts = [ol];
    if (none.length) parts.push(para('No opinion: ' + none.join(', ')));
    return parts;
  }

  function show(tracker) {
    var found = bulletin.ballots.filter(function (b) {
      return b.tracker === tracker;
    });
    if (found.length === 0) {
      say([
        para('No ballot in the bulletin has the tracker ' + tracker + '. Check its spelling; if it is right, tell the election officers.', 'flash flash-error'),
      ]);
      return;
    }
    var parts = [para('Your ballot (tracker ' + tracker + ') is in the bulletin, counted as:', 'flash flash-success')].concat(ranking(found[0].ranks));
    if (bulletin.digest !== form.getAttribute('data-digest')) {
      parts.push(para('Warning: this bulletin does not carry the digest fixed at the close. Tell the election officers.', 'flash flash-error'));
    }
    say(parts);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var tracker = normalise(input.value);
    if (!tracker) {
      say([para('Type your tracker first.', 'flash flash-error')]);
      return;
    }
    if (bulletin) return show(tracker);
    say([para('Downloading the bulletin…')]);
    fetch(form.getAttribute('data-bulletin'), { credentials: 'omit' })
      .then(function (r) {
        if (!r.ok) throw new Error('status ' + r.status);
        return r.json();
      })
      .then(function (b) {
        bulletin = b;
        show(tracker);
      })
      .catch(function () {
        say([para('The bulletin could not be downloaded. Try again, or open bulletin.json and search it for your tracker.', 'flash flash-error')]);
      });
  });
})();
