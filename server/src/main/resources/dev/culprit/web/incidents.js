/* The incident list: keeps the table current from the server's event stream, building rows with
 * text nodes only, and applying the page's status and scope filters to live rows. */
(function () {
  'use strict';
  var table = document.getElementById('incidents');
  var live = document.getElementById('live');
  var empty = document.getElementById('empty');
  if (!table || !window.EventSource) { return; }
  var body = table.tBodies[0];
  var wantStatus = table.dataset.status;
  var wantScope = table.dataset.scope;

  function cell(tr, text) {
    var td = document.createElement('td');
    td.textContent = text == null ? '' : text;
    tr.appendChild(td);
    return td;
  }

  function build(r) {
    var tr = document.createElement('tr');
    tr.dataset.id = r.id;
    tr.className = r.status === 'OPEN' ? 'open' : 'resolved';
    cell(tr, r.status.toLowerCase());
    var sev = document.createElement('span');
    sev.className = 'sev sev-' + r.severity.toLowerCase();
    sev.textContent = r.severity;
    cell(tr, '').appendChild(sev);
    cell(tr, r.scope);
    cell(tr, r.opened);
    cell(tr, r.updated);
    cell(tr, r.topCause == null ? 'none yet' : r.topCause);
    cell(tr, r.affected.join(', ') + (r.moreAffected > 0 ? ' and ' + r.moreAffected + ' more' : ''));
    var a = document.createElement('a');
    a.href = '/incident?id=' + encodeURIComponent(r.id);
    a.textContent = r.id;
    cell(tr, '').appendChild(a);
    return tr;
  }

  function find(id) {
    for (var i = 0; i < body.rows.length; i++) {
      if (body.rows[i].dataset.id === id) { return body.rows[i]; }
    }
    return null;
  }

  function upsert(r) {
    var old = find(r.id);
    if (old) { old.remove(); }
    if ((wantStatus && r.status !== wantStatus) || (wantScope && r.scope !== wantScope)) { return; }
    var tr = build(r);
    tr.classList.add('fresh');
    body.insertBefore(tr, body.firstChild);
    if (empty) { empty.hidden = true; }
  }

  var source = new EventSource('/api/incidents/events');
  source.addEventListener('open', function () { live.textContent = 'Live updates: on'; });
  source.addEventListener('error', function () { live.textContent = 'Live updates: reconnecting…'; });
  source.addEventListener('incident', function (e) { upsert(JSON.parse(e.data)); });
  source.addEventListener('reload', function () { window.location.reload(); });
}());
