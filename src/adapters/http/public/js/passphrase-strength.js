// Shows how hard the new ballot passphrase is to guess while the voter types. It runs the server's
// estimator (zxcvbn-ts with its common and English dictionaries, same settings, same threshold, same
// page words counted as guessable) here in the page, so the passphrase never leaves it before the
// form is submitted. The server checks again; this only spares a round trip.
// The dictionaries (about 0.85 MB compressed) load when the voter first focuses the passphrase field.
(function () {
  'use strict';
  var form = document.getElementById('ballot-form');
  var pass = document.getElementById('password');
  var box = document.getElementById('passphrase-strength');
  var meter = document.getElementById('passphrase-meter');
  var text = document.getElementById('passphrase-strength-text');
  if (!form || !pass || !box || !form.getAttribute('data-strength')) return;
  var settings = JSON.parse(form.getAttribute('data-strength'));
  var IDLE = 'Strength: type a passphrase to see how hard it is to guess.';

  var estimator = null;
  var settled = false; // loaded, or failed to load (then only the server checks)
  var loading = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = function () {
        reject(new Error('could not load ' + src));
      };
      document.head.appendChild(s);
    });
  }

  function load() {
    if (loading) return loading;
    loading = settings.scripts
      .reduce(function (p, src) {
        return p.then(function () {
          return loadScript(src);
        });
      }, Promise.resolve())
      .then(function () {
        var z = window.zxcvbnts;
        var common = z['language-common'];
        var en = z['language-en'];
        estimator = new z.core.ZxcvbnFactory({
          maxLength: settings.maxLength,
          l33tMaxSubstitutions: settings.l33tMaxSubstitutions,
          dictionary: Object.assign({}, common.dictionary, en.dictionary),
          graphs: common.adjacencyGraphs,
          translations: en.translations,
        });
      })
      .catch(function () {
        estimator = null;
        text.textContent = 'The strength check could not load here; the server checks the passphrase when you submit.';
      })
      .then(function () {
        settled = true;
      });
    return loading;
  }

  function judge(value) {
    var r = estimator.check(value, settings.guessable);
    return { strong: r.guessesLog10 >= settings.minGuessesLog10, guessesLog10: r.guessesLog10, warning: r.feedback.warning || '' };
  }

  function show() {
    if (!estimator) return;
    var value = pass.value;
    if (value === '') {
      meter.value = 0;
      box.classList.remove('is-weak');
      text.textContent = IDLE;
      return;
    }
    var v = judge(value);
    meter.value = Math.max(0, Math.min(12, v.guessesLog10));
    box.classList.toggle('is-weak', !v.strong);
    text.textContent = v.strong
      ? v.guessesLog10 >= 10
        ? 'Strength: strong.'
        : 'Strength: strong enough.'
      : 'Strength: too easy to guess. ' + (v.warning ? v.warning + ' ' : '') + 'Add words that do not belong together.';
  }

  var timer = null;
  pass.addEventListener('focus', load);
  pass.addEventListener('input', function () {
    load().then(function () {
      clearTimeout(timer);
      timer = setTimeout(show, 120);
    });
  });

  // For the submit check in ballot.js.
  window.elektoPassphraseStrength = {
    /** undefined while the estimator loads; null when it could not load; else { strong, warning }. */
    verdictNow: function (value) {
      if (!settled) return undefined;
      return estimator ? judge(value) : null;
    },
    ready: load,
  };
})();
