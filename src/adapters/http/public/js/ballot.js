// The ranked ballot, enhanced: drag and drop, keyboard moves, ties, and checks before submitting.
// Without this script the page still works: one rank menu per candidate.
(function () {
  'use strict';
  var form = document.getElementById('ballot-form');
  var list = document.getElementById('ballot-list');
  if (!form || !list) return;
  var live = document.getElementById('ballot-live');
  var NONE = 'none';
  // STV elections: one candidate per rank (the server refuses ties there too).
  var noTies = form.getAttribute('data-no-ties') === 'true';
  var NONE_LABEL = noTies ? 'Not ranked' : 'No opinion';

  document.querySelectorAll('.js-only').forEach(function (el) {
    el.hidden = false;
  });

  var items = {};
  var order = [];
  list.querySelectorAll('.ballot-item').forEach(function (li) {
    var id = li.getAttribute('data-candidate');
    items[id] = li;
    order.push(id);
  });
  var selectOf = function (id) {
    return items[id].querySelector('select');
  };
  var nameOf = function (id) {
    return items[id].getAttribute('data-name');
  };

  // State: tiers of candidate ids (best first; a tier with several ids is a tie) and the unranked.
  var tiers = [];
  var unranked = [];
  (function readSelects() {
    var byRank = {};
    order.forEach(function (id) {
      var v = selectOf(id).value;
      if (v === NONE) {
        unranked.push(id);
        return;
      }
      (byRank[v] = byRank[v] || []).push(id);
    });
    Object.keys(byRank)
      .map(Number)
      .sort(function (a, b) {
        return a - b;
      })
      .forEach(function (r) {
        if (!noTies) tiers.push(byRank[r]);
        else
          byRank[r].forEach(function (id) {
            tiers.push([id]);
          });
      });
  })();

  var divider = document.createElement('li');
  divider.className = 'ballot-divider';
  divider.setAttribute('aria-hidden', 'true');

  function tierOf(id) {
    for (var t = 0; t < tiers.length; t++) if (tiers[t].indexOf(id) >= 0) return t;
    return -1;
  }
  function removeId(id) {
    tiers = tiers
      .map(function (tier) {
        return tier.filter(function (x) {
          return x !== id;
        });
      })
      .filter(function (tier) {
        return tier.length > 0;
      });
    unranked = unranked.filter(function (x) {
      return x !== id;
    });
  }
  function rankText(id) {
    var t = tierOf(id);
    if (t < 0) return nameOf(id) + ': ' + NONE_LABEL;
    var tied =
      tiers[t].length > 1
        ? ', tied with ' +
          tiers[t]
            .filter(function (x) {
              return x !== id;
            })
            .map(nameOf)
            .join(', ')
        : '';
    return nameOf(id) + ': rank ' + (t + 1) + tied;
  }
  function announce(text) {
    if (live) live.textContent = text;
  }

  // What the ballot says, in one line, as the confirmation page says it (ballot-summary.ts).
  var summaryBox = document.getElementById('ballot-summary');
  var summaryText = document.getElementById('ballot-summary-text');
  var noOpinionNote = document.getElementById('ballot-summary-no-opinion');
  function showSummary() {
    if (!summaryBox) return;
    var left = unranked
      .slice()
      .sort(function (a, b) {
        return order.indexOf(a) - order.indexOf(b);
      })
      .map(nameOf);
    var ranked = tiers
      .map(function (tier) {
        return tier.map(nameOf).join(' = ');
      })
      .join(' > ');
    summaryText.textContent =
      tiers.length === 0
        ? 'nothing yet: rank at least one candidate'
        : ranked + (left.length ? (noTies ? '; not ranked: ' : '; no opinion on ') + left.join(', ') : '');
    noOpinionNote.hidden = tiers.length === 0 || left.length === 0;
    noOpinionNote.textContent = noTies
      ? 'Your vote never moves to ' +
        left.join(', ') +
        '. If you would rather it did than be set aside, rank ' +
        (left.length > 1 ? 'them' : 'that candidate') +
        ' too, below the others.'
      : '"No opinion" is not a low rank: this ballot does not say that you prefer the candidates you ranked to ' +
        left.join(', ') +
        '. If you do, rank ' +
        (left.length > 1 ? 'them' : 'that candidate') +
        ' too, below the others.';
  }

  function render(focusId, focusSelector, initial) {
    var sequence = [];
    tiers.forEach(function (tier) {
      tier.forEach(function (id) {
        sequence.push(id);
      });
    });
    sequence.forEach(function (id) {
      list.appendChild(items[id]);
    });
    divider.textContent = tiers.length === 0 ? 'Not ranked yet: drag candidates above this line, or choose a rank' : NONE_LABEL;
    if (unranked.length > 0) list.appendChild(divider);
    else if (divider.parentNode) divider.remove();
    unranked.forEach(function (id) {
      list.appendChild(items[id]);
    });
    order.forEach(function (id) {
      var t = tierOf(id);
      selectOf(id).value = t < 0 ? NONE : String(t + 1);
      items[id].classList.toggle('is-ranked', t >= 0);
      items[id].classList.toggle('is-tied', t >= 0 && tiers[t].length > 1);
    });
    if (focusId) {
      var target = items[focusId].querySelector(focusSelector || '.drag-handle');
      if (target) target.focus();
    }
    showSummary();
    if (!initial) hideWarning();
  }

  function setRank(id, rank) {
    removeId(id);
    if (rank === NONE) unranked.unshift(id);
    else if (noTies) tiers.splice(Math.min(rank - 1, tiers.length), 0, [id]);
    else if (rank - 1 < tiers.length) tiers[rank - 1].push(id);
    else tiers.push([id]);
  }
  function moveUp(id) {
    var t = tierOf(id);
    if (t < 0) {
      removeId(id);
      tiers.push([id]);
      return;
    }
    if (tiers[t].length > 1) {
      removeId(id);
      tiers.splice(t, 0, [id]);
      return;
    }
    if (t === 0) return;
    var above = tiers[t - 1];
    tiers[t - 1] = tiers[t];
    tiers[t] = above;
  }
  function moveDown(id) {
    var t = tierOf(id);
    if (t < 0) {
      var i = unranked.indexOf(id);
      if (i < unranked.length - 1) {
        unranked.splice(i, 1);
        unranked.splice(i + 1, 0, id);
      }
      return;
    }
    if (tiers[t].length > 1) {
      removeId(id);
      tiers.splice(t + 1, 0, [id]);
      return;
    }
    if (t === tiers.length - 1) {
      removeId(id);
      unranked.unshift(id);
      return;
    }
    var below = tiers[t + 1];
    tiers[t + 1] = tiers[t];
    tiers[t] = below;
  }
  function makeFirst(id) {
    removeId(id);
    tiers.unshift([id]);
  }

  list.addEventListener('change', function (e) {
    var sel = e.target.closest('select');
    if (!sel) return;
    var id = sel.closest('.ballot-item').getAttribute('data-candidate');
    setRank(id, sel.value === NONE ? NONE : Number(sel.value));
    render(id, 'select');
    announce(rankText(id));
  });

  list.addEventListener('click', function (e) {
    var btn = e.target.closest('button[data-move]');
    if (!btn) return;
    var id = btn.closest('.ballot-item').getAttribute('data-candidate');
    if (btn.getAttribute('data-move') === 'up') moveUp(id);
    else moveDown(id);
    render(id, 'button[data-move="' + btn.getAttribute('data-move') + '"]');
    announce(rankText(id));
  });

  list.addEventListener('keydown', function (e) {
    var handle = e.target.closest('.drag-handle');
    if (!handle) return;
    var id = handle.closest('.ballot-item').getAttribute('data-candidate');
    var acted = true;
    if (e.key === 'ArrowUp') moveUp(id);
    else if (e.key === 'ArrowDown') moveDown(id);
    else if (e.key === 'Home') makeFirst(id);
    else if (e.key === 'Delete' || e.key === 'Backspace' || e.key === 'End') {
      removeId(id);
      unranked.unshift(id);
    } else acted = false;
    if (!acted) return;
    e.preventDefault();
    render(id);
    announce(rankText(id));
  });

  // Drag and drop with pointer events (mouse, touch and pen alike), started from the handle.
  var drag = null;
  function rowsExcept(li) {
    return Array.prototype.filter.call(list.children, function (el) {
      return el !== li;
    });
  }
  function clearMarks() {
    list.querySelectorAll('.drop-before, .drop-after').forEach(function (el) {
      el.classList.remove('drop-before', 'drop-after');
    });
  }
  function dropIndex(rows, y) {
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i].getBoundingClientRect();
      if (y < r.top + r.height / 2) return i;
    }
    return rows.length;
  }
  list.addEventListener('pointerdown', function (e) {
    var handle = e.target.closest('.drag-handle');
    if (!handle || e.button !== 0) return;
    e.preventDefault();
    var li = handle.closest('.ballot-item');
    drag = { id: li.getAttribute('data-candidate'), li: li, pointer: e.pointerId, index: null, startY: e.clientY };
    li.classList.add('is-dragging');
    try {
      handle.setPointerCapture(e.pointerId);
    } catch (err) {
      /* capture is optional */
    }
  });
  list.addEventListener('pointermove', function (e) {
    if (!drag || e.pointerId !== drag.pointer) return;
    // The row follows the pointer; where it would land is marked on the rows (and the divider).
    drag.li.style.transform = 'translateY(' + (e.clientY - drag.startY) + 'px)';
    var rows = rowsExcept(drag.li);
    drag.index = dropIndex(rows, e.clientY);
    clearMarks();
    if (drag.index < rows.length) rows[drag.index].classList.add('drop-before');
    else if (rows.length) rows[rows.length - 1].classList.add('drop-after');
  });
  function endDrag(e) {
    if (!drag || e.pointerId !== drag.pointer) return;
    var d = drag;
    drag = null;
    d.li.classList.remove('is-dragging');
    d.li.style.transform = '';
    clearMarks();
    if (e.type === 'pointercancel' || d.index === null) return;
    var rows = rowsExcept(d.li).map(function (el) {
      return el === divider ? null : el.getAttribute('data-candidate');
    });
    var before = d.index > 0 ? rows[d.index - 1] : undefined;
    var after = d.index < rows.length ? rows[d.index] : undefined;
    var pastDivider = rows.slice(0, d.index).indexOf(null) >= 0;
    removeId(d.id);
    if (pastDivider) {
      var at = after ? unranked.indexOf(after) : -1;
      if (at >= 0) unranked.splice(at, 0, d.id);
      else unranked.push(d.id);
    } else if (!before) {
      tiers.unshift([d.id]);
    } else {
      var tb = tierOf(before);
      var ta = after ? tierOf(after) : -1;
      if (ta >= 0 && ta === tb && !noTies) tiers[tb].push(d.id);
      else tiers.splice(tb + 1, 0, [d.id]);
    }
    render(d.id);
    announce(rankText(d.id));
  }
  list.addEventListener('pointerup', endDrag);
  list.addEventListener('pointercancel', endDrag);

  // Checks before submitting; the server repeats every one of them.
  var warning = document.getElementById('no-preference-warning');
  var confirmBox = document.getElementById('confirm-no-preference');
  var pass = document.getElementById('password');
  var again = document.getElementById('password-confirm');
  var problem = document.getElementById('passphrase-problem');
  var minLength = Number(form.getAttribute('data-min-length')) || 0;
  // Without a passphrase the ballot is final: the voter says so with the warning's own button. Submit
  // Vote stays disabled meanwhile, so a double-click cannot answer the question for them.
  var submitVote = document.getElementById('submit-vote');
  var noPassWarning = document.getElementById('no-passphrase-warning');
  var castAnyway = document.getElementById('cast-without-passphrase');
  var castConfirmed = false;
  function showNoPassphraseWarning() {
    noPassWarning.hidden = false;
    submitVote.disabled = true;
    noPassWarning.focus();
  }
  function hideNoPassphraseWarning() {
    noPassWarning.hidden = true;
    submitVote.disabled = false;
    castConfirmed = false;
  }
  // Changing a vote keeps the current passphrase when no new one is typed: nothing to warn about.
  if (noPassWarning) {
    castAnyway.addEventListener('click', function () {
      castConfirmed = true;
    });
    document.getElementById('type-passphrase').addEventListener('click', function () {
      hideNoPassphraseWarning();
      pass.focus();
    });
  }
  function hideWarning() {
    if (warning && !(confirmBox && confirmBox.checked)) warning.hidden = true;
  }
  function passProblem(text, field) {
    problem.textContent = text;
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
    }
  }
  [pass, again].forEach(function (f) {
    f.addEventListener('input', function () {
      problem.textContent = '';
      pass.removeAttribute('aria-invalid');
      again.removeAttribute('aria-invalid');
      if (noPassWarning && !noPassWarning.hidden) hideNoPassphraseWarning();
    });
  });
  form.addEventListener('submit', function (e) {
    var length = Array.from(pass.value).length;
    if (tiers.length === 0) {
      e.preventDefault();
      announce('Rank at least one candidate before submitting.');
      passProblem('');
      var first = list.querySelector('select');
      if (first) first.focus();
      warning.hidden = true;
      var err = document.getElementById('ballot-error') || document.createElement('p');
      err.id = 'ballot-error';
      err.className = 'flash flash-error';
      err.setAttribute('role', 'alert');
      err.textContent = 'Rank at least one candidate: a ballot with every candidate at "' + NONE_LABEL + '" says nothing.';
      form.parentNode.insertBefore(err, form);
      return;
    }
    if (tiers.length === 1 && !noTies && !(confirmBox && confirmBox.checked)) {
      e.preventDefault();
      warning.hidden = false;
      confirmBox.focus();
      return;
    }
    if (length > 0 && length < minLength) {
      e.preventDefault();
      passProblem('The passphrase is too short: use at least ' + minLength + ' characters (or leave both fields empty). Your ranking is kept.', pass);
      return;
    }
    var strength = window.elektoPassphraseStrength;
    if (length > 0 && strength) {
      var verdict = strength.verdictNow(pass.value);
      if (verdict === undefined) {
        // The estimator is still loading: wait for it, then submit again (null: it failed; the server decides).
        e.preventDefault();
        passProblem('Checking how hard the passphrase is to guess…');
        strength.ready().then(function () {
          passProblem('');
          form.requestSubmit(e.submitter || undefined);
        });
        return;
      }
      if (verdict && !verdict.strong) {
        e.preventDefault();
        passProblem(
          'This passphrase is too easy to guess. ' +
            (verdict.warning ? verdict.warning + ' ' : '') +
            "Use several words that do not belong together (four or five random words), not your login, the election's name or a candidate's. Your ranking is kept.",
          pass,
        );
        return;
      }
    }
    if (pass.value !== again.value) {
      e.preventDefault();
      passProblem('The two passphrases differ. Type the same passphrase in both fields.', again);
      return;
    }
    if (length === 0 && noPassWarning && !castConfirmed) {
      e.preventDefault();
      showNoPassphraseWarning();
      return;
    }
  });

  render(null, null, true);
})();
