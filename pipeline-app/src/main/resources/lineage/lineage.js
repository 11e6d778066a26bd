// Playstream lineage: draws the dbt project's graph from GET /api/v1/lineage (the last transform's
// manifest.json) in columns, sources on the left and exposures on the right, each node in the
// column after its deepest parent. Picking a node (a click, or ?node=<unique_id> in the address)
// marks everything it reads (upstream) and everything that reads it (downstream), and shows its
// description and columns. Data goes through textContent only, never innerHTML. Calls and the
// token go through /api-client.js, as the dashboard's do.
'use strict';

(function () {
  const { api, takeTokenFromFragment } = window.PlaystreamApi;
  const SVG = 'http://www.w3.org/2000/svg';
  let graph = null;
  let byId = new Map();

  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    if (className) {
      e.className = className;
    }
    return e;
  }

  // ---- the graph -----------------------------------------------------------------------------
  /** Each node's column: 0 without parents, else one after its deepest parent; exposures last. */
  function columnsOf(nodes) {
    const depth = new Map();
    const visit = id => {
      if (depth.has(id)) {
        return depth.get(id);
      }
      depth.set(id, 0); // a cycle cannot occur in a dbt graph; this only guards the walk
      const parents = byId.get(id).parents.filter(p => byId.has(p));
      const d = parents.length === 0 ? 0 : 1 + Math.max(...parents.map(visit));
      depth.set(id, d);
      return d;
    };
    nodes.forEach(n => visit(n.unique_id));
    const deepest = Math.max(0, ...nodes.filter(n => n.resource_type !== 'exposure').map(n => depth.get(n.unique_id)));
    const columns = [];
    nodes.forEach(n => {
      const d = n.resource_type === 'exposure' ? deepest + 1 : depth.get(n.unique_id);
      (columns[d] = columns[d] || []).push(n);
    });
    return columns.filter(Boolean).map(c => c.sort((a, b) => (a.schema || '').localeCompare(b.schema || '') || a.name.localeCompare(b.name)));
  }

  function columnTitle(column, index, count) {
    if (column.every(n => n.resource_type === 'exposure')) {
      return 'Exposures';
    }
    if (index === 0) {
      return 'Sources & seeds';
    }
    return 'Step ' + index;
  }

  function drawGraph() {
    const holder = document.getElementById('columns');
    const columns = columnsOf(graph.nodes);
    holder.replaceChildren(...columns.map((column, i) => {
      const div = el('div', null, 'column');
      div.appendChild(el('h3', columnTitle(column, i, columns.length)));
      column.forEach(n => {
        const button = el('button', n.label, 'node type-' + n.resource_type);
        button.type = 'button';
        button.dataset.id = n.unique_id;
        button.dataset.testid = 'node';
        button.appendChild(el('small', [n.schema, n.materialized || n.resource_type].filter(Boolean).join(' · ')));
        button.title = n.unique_id;
        button.addEventListener('click', () => pick(n.unique_id, true));
        div.appendChild(button);
      });
      return div;
    }));
    drawEdges();
  }

  /** One curve per parent -> child, from the parent's right edge to the child's left edge. */
  function drawEdges() {
    const svg = document.getElementById('edges');
    const box = document.getElementById('graph').getBoundingClientRect();
    const columns = document.getElementById('columns');
    svg.setAttribute('width', String(columns.scrollWidth));
    svg.setAttribute('height', String(columns.scrollHeight));
    const paths = [];
    const at = id => document.querySelector('.node[data-id="' + CSS.escape(id) + '"]');
    graph.nodes.forEach(child => child.parents.forEach(parentId => {
      const from = at(parentId);
      const to = at(child.unique_id);
      if (!from || !to) {
        return;
      }
      const a = from.getBoundingClientRect();
      const b = to.getBoundingClientRect();
      const x1 = a.right - box.left + document.getElementById('graph').scrollLeft;
      const y1 = a.top + a.height / 2 - box.top;
      const x2 = b.left - box.left + document.getElementById('graph').scrollLeft;
      const y2 = b.top + b.height / 2 - box.top;
      const bend = Math.max(20, (x2 - x1) / 2);
      const path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', 'M' + x1 + ',' + y1 + ' C' + (x1 + bend) + ',' + y1 + ' ' + (x2 - bend) + ',' + y2 + ' ' + x2 + ',' + y2);
      path.dataset.from = parentId;
      path.dataset.to = child.unique_id;
      paths.push(path);
    }));
    svg.replaceChildren(...paths);
    document.body.dataset.edges = String(paths.length);
  }

  /** Every node reached from {@code id} by following {@code direction} (parents or children), nearest first. */
  function reach(id, direction) {
    const seen = new Set();
    const queue = [...byId.get(id)[direction]];
    while (queue.length > 0) {
      const next = queue.shift();
      if (!seen.has(next) && byId.has(next)) {
        seen.add(next);
        queue.push(...byId.get(next)[direction]);
      }
    }
    return [...seen];
  }

  // ---- the picked node -----------------------------------------------------------------------
  function pick(id, remember) {
    if (remember) {
      const url = new URL(window.location.href);
      url.searchParams.set('node', id);
      history.pushState(null, '', url.pathname + url.search);
    }
    showPicked();
  }

  function nodeLink(id) {
    const n = byId.get(id);
    const li = el('li');
    li.dataset.id = id;
    const a = el('a', n.label);
    a.href = '?node=' + encodeURIComponent(id);
    a.title = id;
    a.addEventListener('click', e => {
      e.preventDefault();
      pick(id, true);
    });
    li.appendChild(a);
    li.appendChild(el('span', ' ' + n.resource_type, 'muted small'));
    return li;
  }

  function showPicked() {
    const id = new URLSearchParams(window.location.search).get('node');
    const node = id ? byId.get(id) : null;
    const upstream = node ? reach(id, 'parents') : [];
    const downstream = node ? reach(id, 'children') : [];
    const up = new Set(upstream);
    const down = new Set(downstream);
    document.getElementById('graph').classList.toggle('picked', !!node);
    document.querySelectorAll('.node').forEach(b => {
      b.classList.toggle('selected', b.dataset.id === id);
      b.classList.toggle('upstream', up.has(b.dataset.id));
      b.classList.toggle('downstream', down.has(b.dataset.id));
      b.setAttribute('aria-pressed', String(b.dataset.id === id));
    });
    document.querySelectorAll('#edges path').forEach(p => {
      // on the lineage: an edge between two upstream nodes (or into the picked one), or out of the picked or a downstream node into a downstream one
      const f = p.dataset.from;
      const t = p.dataset.to;
      p.classList.toggle('on-path', !!node && (up.has(f) && (t === id || up.has(t)) || down.has(t) && (f === id || down.has(f))));
    });
    document.getElementById('details-empty').hidden = !!node;
    document.getElementById('details-body').hidden = !node;
    document.body.dataset.selected = node ? id : '';
    if (id && !node) {
      showError('No node ' + id + ' in the manifest.');
    }
    if (!node) {
      return;
    }
    document.getElementById('node-type').textContent = node.resource_type;
    document.getElementById('node-materialized').textContent = node.materialized || '';
    document.getElementById('node-name').textContent = node.label;
    document.getElementById('node-relation').textContent = node.relation || '';
    document.getElementById('node-description').textContent = node.description || 'No description.';
    const facts = [node.unique_id, node.path, node.tests + (node.tests === 1 ? ' test' : ' tests')];
    if (node.tags.length > 0) {
      facts.push('tags: ' + node.tags.join(', '));
    }
    if (node.owner) {
      facts.push('owner: ' + node.owner);
    }
    document.getElementById('node-facts').textContent = facts.filter(Boolean).join(' · ');
    // the manifest has a column's type only where the YAML declares one
    document.querySelector('.columns-table').classList.toggle('no-types', !node.columns.some(c => c.data_type));
    document.getElementById('node-columns').replaceChildren(...(node.columns.length === 0
      ? [emptyRow('No columns documented.')]
      : node.columns.map(c => {
        const tr = el('tr');
        tr.dataset.column = c.name;
        tr.append(el('td', c.name), el('td', c.data_type || ''), el('td', c.description));
        return tr;
      })));
    document.getElementById('upstream').replaceChildren(...upstream.map(nodeLink));
    document.getElementById('downstream').replaceChildren(...downstream.map(nodeLink));
    document.getElementById('upstream-count').textContent = '(' + upstream.length + ')';
    document.getElementById('downstream-count').textContent = '(' + downstream.length + ')';
    document.querySelector('.node[data-id="' + CSS.escape(id) + '"]').scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  function emptyRow(text) {
    const tr = el('tr');
    const td = el('td', text, 'muted');
    td.colSpan = 3;
    tr.appendChild(td);
    return tr;
  }

  function showError(text) {
    const banner = document.getElementById('error');
    banner.textContent = text;
    banner.hidden = false;
  }

  async function start() {
    takeTokenFromFragment();
    try {
      graph = await api('/api/v1/lineage');
    } catch (e) {
      showError('Cannot load the lineage: ' + e.message);
      document.body.dataset.state = 'error';
      return;
    }
    byId = new Map(graph.nodes.map(n => [n.unique_id, n]));
    document.getElementById('generated').textContent = (graph.project || '') + ' · manifest of ' + (graph.generated_at || '?');
    drawGraph();
    showPicked();
    window.addEventListener('popstate', showPicked);
    window.addEventListener('resize', () => {
      drawEdges();
      showPicked();
    });
    document.body.dataset.state = 'ready';
  }

  start();
})();
