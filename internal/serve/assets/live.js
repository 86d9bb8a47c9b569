// qlint watch --serve: brings the binder up to date after each check,
// without reloading, from the server's event stream. The server sends
// markup it rendered and escaped; this script only puts it in place.
(function () {
  'use strict';
  var bar = document.getElementById('live-bar');
  if (!bar || !window.EventSource) {
    return;
  }
  var conn = document.getElementById('live-conn');
  var live = document.getElementById('live');
  var seq = bar.getAttribute('data-seq') || '0';
  var source = null;

  function say(text) {
    conn.textContent = text;
    conn.hidden = !text;
    document.body.classList.toggle('live-off', !!text);
  }

  function flash(id) {
    var el = document.getElementById(id);
    if (el) {
      el.classList.remove('live-changed');
      void el.offsetWidth; // restart the animation
      el.classList.add('live-changed');
    }
  }

  // apply puts one update in place; it returns false when the page lacks
  // a part the update replaces (then the whole page is asked for).
  function apply(p) {
    if (p.full && p.main && bar.hasAttribute('data-shell')) {
      window.location.reload(); // the first report: the binder's own page
      return true;
    }
    var header = document.querySelector('body > header');
    var main = document.querySelector('body > main');
    if (p.parts) {
      for (var id in p.parts) {
        if (Object.prototype.hasOwnProperty.call(p.parts, id) && !document.getElementById(id)) {
          return false;
        }
      }
      for (var key in p.parts) {
        if (Object.prototype.hasOwnProperty.call(p.parts, key)) {
          document.getElementById(key).outerHTML = p.parts[key];
        }
      }
    }
    if (p.main && main) {
      main.innerHTML = p.main;
    }
    if (p.header && header) {
      header.innerHTML = p.header;
    }
    if (p.title) {
      document.title = p.title;
    }
    if (p.lang) {
      document.documentElement.lang = p.lang;
    }
    live.innerHTML = p.live;
    (p.changed || []).forEach(flash);
    seq = String(p.seq);
    bar.setAttribute('data-seq', seq);
    return true;
  }

  function connect() {
    source = new EventSource('events?seq=' + encodeURIComponent(seq));
    source.addEventListener('open', function () {
      say('');
    });
    source.addEventListener('update', function (e) {
      say('');
      if (!apply(JSON.parse(e.data))) {
        source.close();
        seq = '0';
        connect();
      }
    });
    source.addEventListener('bye', function () {
      source.close();
      say(bar.getAttribute('data-msg-bye'));
    });
    source.addEventListener('error', function () {
      if (source.readyState !== EventSource.OPEN) {
        say(bar.getAttribute('data-msg-lost'));
      }
    });
  }

  connect();
})();
