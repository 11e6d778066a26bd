// Playstream dashboard: reads the gold API of this server and draws it with the vendored Chart.js.
// Every text from the data goes through textContent (never innerHTML), so data cannot inject markup.
// Token: when /api answers 401 the page asks for PLAYSTREAM_API_TOKEN once and keeps it in
// sessionStorage (this tab only); a link may also carry it as #token=... (the fragment never
// reaches the server, and the page removes it from the address bar at once).
'use strict';

(function () {
  const TOKEN_KEY = 'playstream.apiToken';
  const REFRESH_MS = 60000;
  const MAX_PAGES = 50;
  const PAGE_SIZE = 10000;
  const EVENT_TYPES = ['play', 'skip', 'pause', 'add_to_playlist'];
  const COLORS = {
    play: '#1db954', skip: '#e5534b', pause: '#f0a202', add_to_playlist: '#4c7ef3',
    palette: ['#1db954', '#4c7ef3', '#f0a202', '#e5534b', '#9b59b6', '#16a2b8', '#ff7aa8', '#7f8c8d']
  };
  const charts = {};
  let tokenPrompt = null;

  // ---- token ---------------------------------------------------------------------------------
  function takeTokenFromFragment() {
    const match = /(?:^#|&)token=([^&]*)/.exec(window.location.hash);
    if (match) {
      sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
      history.replaceState(null, '', window.location.pathname + window.location.search);
    }
  }

  function askToken() {
    if (tokenPrompt) {
      return tokenPrompt;
    }
    const dialog = document.getElementById('token-dialog');
    const input = document.getElementById('token-input');
    tokenPrompt = new Promise(resolve => {
      dialog.addEventListener('close', () => {
        sessionStorage.setItem(TOKEN_KEY, input.value.trim());
        input.value = '';
        tokenPrompt = null;
        resolve();
      }, { once: true });
      dialog.showModal();
    });
    return tokenPrompt;
  }

  async function api(path) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const headers = { Accept: 'application/json' };
      const token = sessionStorage.getItem(TOKEN_KEY);
      if (token) {
        headers.Authorization = 'Bearer ' + token;
      }
      const response = await fetch(path, { headers, cache: 'no-store' });
      if (response.status === 401) {
        await askToken();
        continue;
      }
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        throw new Error(path + ': ' + (body.reason || response.status));
      }
      return body;
    }
    throw new Error('the API token was refused');
  }

  /** Every row of a gold table (following next_offset), with optional equality filters and order. */
  async function gold(table, params) {
    const rows = [];
    let offset = 0;
    for (let page = 0; page < MAX_PAGES && offset !== null; page++) {
      const query = new URLSearchParams(Object.assign({}, params, { limit: PAGE_SIZE, offset }));
      const body = await api('/api/v1/gold/' + table + '?' + query);
      rows.push(...body.rows);
      offset = body.next_offset;
    }
    return rows;
  }

  // ---- formatting ----------------------------------------------------------------------------
  const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

  function utc(text) {
    // the warehouse keeps UTC wall-clock times without a zone
    return text ? new Date(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : text + 'Z') : null;
  }

  function utcLabel(text) {
    const date = utc(text);
    return date ? date.toISOString().slice(0, 16).replace('T', ' ') : '–';
  }

  function ago(text) {
    const date = utc(text);
    if (!date) {
      return '–';
    }
    const seconds = Math.round((Date.now() - date.getTime()) / 1000);
    if (seconds < 90) return seconds + ' s ago';
    if (seconds < 5400) return Math.round(seconds / 60) + ' min ago';
    if (seconds < 172800) return Math.round(seconds / 3600) + ' h ago';
    return Math.round(seconds / 86400) + ' days ago';
  }

  function duration(seconds) {
    const total = Math.round(Number(seconds) || 0);
    return Math.floor(total / 60) + ':' + String(total % 60).padStart(2, '0');
  }

  function sum(rows, column) {
    return rows.reduce((total, row) => total + Number(row[column] || 0), 0);
  }

  // ---- DOM helpers (text only) ---------------------------------------------------------------
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function setStat(testId, text, value) {
    const node = document.querySelector('[data-testid="' + testId + '"]');
    node.textContent = text;
    node.dataset.value = String(value);
  }

  function fillTable(testId, rows, cells) {
    const body = document.querySelector('[data-testid="' + testId + '"] tbody');
    body.replaceChildren(...rows.map(row => {
      const tr = el('tr');
      tr.dataset.testid = testId + '-row';
      cells(row).forEach(([content, className]) => {
        const td = el('td', content instanceof Node ? null : content, className);
        if (content instanceof Node) {
          td.appendChild(content);
        }
        tr.appendChild(td);
      });
      return tr;
    }));
    if (rows.length === 0) {
      const tr = el('tr');
      const td = el('td', 'No data yet: run a load and a transform.', 'muted');
      td.colSpan = body.parentElement.querySelectorAll('th').length;
      tr.appendChild(td);
      body.appendChild(tr);
    }
  }

  // ---- charts --------------------------------------------------------------------------------
  function draw(id, config) {
    if (charts[id]) {
      charts[id].destroy();
    }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options);
    charts[id] = new Chart(document.getElementById(id), config);
    recordScales(charts[id]);
  }

  /**
   * Writes on the canvas what each axis shows (data-scale-<axis>-max, and the labels a category axis
   * draws as data-scale-<axis>-labels, after Chart.js has skipped any): a test reads them from the DOM.
   */
  function recordScales(chart) {
    Object.values(chart.scales).forEach(scale => {
      const key = 'scale' + scale.id.charAt(0).toUpperCase() + scale.id.slice(1);
      chart.canvas.dataset[key + 'Max'] = String(scale.max);
      if (scale.type === 'category') {
        chart.canvas.dataset[key + 'Labels'] = scale.ticks.map(tick => scale.getLabelForValue(tick.value)).join('|');
      }
    });
  }

  function noLegend(extra) {
    return Object.assign({ plugins: { legend: { display: false } } }, extra);
  }

  /** A percent axis a little above the highest rate (in whole tens), so the line does not lie flat. */
  function rateAxisMax(rates) {
    const highest = Math.max(0, ...rates.filter(r => r !== null));
    return Math.min(100, Math.max(10, Math.ceil(highest * 1.2 / 10) * 10));
  }

  function drawTopSongs(songs) {
    const rates = songs.map(s => s.skip_rate === null ? null : Number(s.skip_rate) * 100);
    draw('chart-top-songs', {
      type: 'bar',
      data: {
        labels: songs.map(s => s.song_name || s.song_id),
        datasets: [
          { label: 'Plays', data: songs.map(s => s.plays), backgroundColor: COLORS.play, yAxisID: 'y', order: 2 },
          { label: 'Skips', data: songs.map(s => s.skips), backgroundColor: COLORS.skip, yAxisID: 'y', order: 3 },
          {
            label: 'Skip rate (%)', type: 'line', data: rates,
            borderColor: '#333', backgroundColor: '#333', yAxisID: 'rate', order: 1, pointRadius: 4
          }
        ]
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { labels: { sort: (a, b) => a.datasetIndex - b.datasetIndex } } },
        scales: {
          y: { beginAtZero: true, title: { display: true, text: 'plays and skips' } },
          rate: { position: 'right', min: 0, max: rateAxisMax(rates), grid: { drawOnChartArea: false },
            ticks: { callback: value => value + '%' }, title: { display: true, text: 'skip rate' } }
        }
      }
    });
  }

  function drawBreakdowns(countries, devices, hours) {
    const byPlays = (a, b) => b.plays - a.plays;
    countries = countries.slice().sort(byPlays);
    // one readable row per country: the box grows with them instead of Chart.js skipping every other label
    document.getElementById('chart-country').parentElement.style.minHeight = Math.max(260, 20 * countries.length + 40) + 'px';
    draw('chart-country', {
      type: 'bar',
      data: { labels: countries.map(c => c.country), datasets: [{ label: 'Plays', data: countries.map(c => c.plays), backgroundColor: COLORS.palette[1] }] },
      options: noLegend({ indexAxis: 'y', scales: { x: { beginAtZero: true }, y: { ticks: { autoSkip: false } } } })
    });
    devices = devices.slice().sort(byPlays);
    draw('chart-device', {
      type: 'doughnut',
      data: { labels: devices.map(d => d.device_type), datasets: [{ label: 'Plays', data: devices.map(d => d.plays), backgroundColor: COLORS.palette }] },
      options: { plugins: { legend: { position: 'bottom' } } }
    });
    const perHour = new Array(24).fill(0);
    hours.forEach(h => { perHour[Number(h.event_hour)] = Number(h.plays); });
    draw('chart-hour', {
      type: 'bar',
      data: { labels: perHour.map((_, h) => String(h).padStart(2, '0')), datasets: [{ label: 'Plays', data: perHour, backgroundColor: COLORS.palette[2] }] },
      options: noLegend({ scales: { y: { beginAtZero: true } } })
    });
  }

  function drawTrend(distribution) {
    const periods = [...new Set(distribution.map(r => r.period_start_at))].sort();
    const counts = {};
    distribution.forEach(r => { counts[r.event_type + '|' + r.period_start_at] = Number(r.event_count); });
    // a line needs a few hours to say anything: until then, bars per hour
    const asLine = periods.length >= 3;
    draw('chart-trend', {
      type: asLine ? 'line' : 'bar',
      data: {
        labels: periods.map(utcLabel),
        datasets: EVENT_TYPES.map(type => ({
          label: type.replace(/_/g, ' '), data: periods.map(p => counts[type + '|' + p] || 0),
          borderColor: COLORS[type], backgroundColor: COLORS[type], tension: 0.25, pointRadius: periods.length > 48 ? 0 : 4,
          maxBarThickness: 56
        }))
      },
      options: { interaction: { mode: 'index', intersect: false }, scales: { y: { beginAtZero: true } },
        plugins: { legend: { position: 'bottom' } } }
    });
  }

  // ---- panels --------------------------------------------------------------------------------
  function renderHeadline(devices, engagement, songs) {
    const events = sum(devices, 'events');
    const plays = sum(devices, 'plays');
    const skips = sum(devices, 'skips');
    const listeners = new Set(engagement.map(r => r.user_id)).size;
    const skipRate = plays + skips === 0 ? null : skips / (plays + skips);
    setStat('headline-events', integer.format(events), events);
    setStat('headline-listeners', integer.format(listeners), listeners);
    setStat('headline-plays', integer.format(plays), plays);
    setStat('headline-skip-rate', skipRate === null ? '–' : percent.format(skipRate), skipRate === null ? '' : skipRate.toFixed(4));
    setStat('headline-songs', integer.format(songs.length), songs.length);
  }

  function songCell(song) {
    const cell = document.createDocumentFragment();
    cell.appendChild(el('span', song.song_name || song.song_id, 'song'));
    cell.appendChild(el('span', song.artist_name || '', 'artist'));
    return cell;
  }

  function renderTopSongs(songs) {
    fillTable('top-songs', songs.slice(0, 10), s => [
      [s.rank, 'num'],
      [songCell(s)],
      [integer.format(s.plays), 'num'],
      [s.skip_rate === null ? '–' : percent.format(Number(s.skip_rate)), 'num'],
      [integer.format(s.unique_listeners), 'num']
    ]);
  }

  function renderSessions(sessions) {
    fillTable('sessions', sessions, s => [
      [String(s.user_id).slice(0, 8), 'mono'],
      [utcLabel(s.session_start_at)],
      [duration(s.session_duration_seconds), 'num'],
      [s.events, 'num'], [s.plays, 'num'], [s.skips, 'num'], [s.unique_songs, 'num']
    ]);
  }

  /**
   * Quarantine reasons that are no problem: the simulator sends a share of events twice on purpose
   * (--duplicate-share), as any at-least-once producer may; silver keeps one copy and quarantines the others.
   */
  const EXPECTED_QUARANTINE = { duplicate_event_id: 'duplicate sends' };
  const QUARANTINE_HINT = 'Bronze rows silver did not keep (silver.stg_events_quarantine), by reason. '
    + 'duplicate_event_id: a second copy of an event silver already keeps; the simulator sends a share of events twice '
    + 'on purpose, as an at-least-once producer does, so these are expected. Any other reason is a malformed event: '
    + 'look at it (amber).';

  function figure(n) {
    return n === null || n === undefined ? '–' : integer.format(n);
  }

  /** One span per reason: expected ones plain, real problems amber. */
  function quarantineValue(byReason) {
    const reasons = Object.entries(byReason || {});
    if (!byReason || reasons.length === 0) {
      return { value: byReason ? 'none' : '–', level: byReason ? 'ok' : null };
    }
    const value = document.createDocumentFragment();
    let problems = 0;
    reasons.forEach(([reason, count], i) => {
      const expected = EXPECTED_QUARANTINE[reason];
      problems += expected ? 0 : Number(count);
      const span = el('span', integer.format(count) + ' ' + (expected ? expected + ' (expected)' : reason), expected ? 'reason-expected' : 'reason-problem');
      span.dataset.reason = reason;
      span.dataset.value = String(count);
      if (i > 0) {
        value.appendChild(el('br'));
      }
      value.appendChild(span);
    });
    return { value, level: problems > 0 ? 'warn' : 'ok' };
  }

  /** The health panel's rows: [label, value (text or node), level (ok/warn/bad or none), hint, raw value]. */
  function healthItems(status) {
    const load = status.last_load;
    const transform = status.last_transform;
    const rows = status.rows || {};
    const stream = status.stream;
    const quarantine = quarantineValue(rows.quarantine_by_reason);
    return [
      ['Last load', load ? ago(load.loaded_at) + ' · ' + integer.format(load.objects) + ' objects' : 'never', load ? 'ok' : 'warn'],
      ['Last transform', transform ? transform.status + ' · ' + ago(transform.finished_at) : 'never',
        transform ? (transform.status === 'success' ? 'ok' : 'bad') : 'warn'],
      ['Bronze rows', figure(rows.bronze), null, 'Lines loaded into bronze.spotify_events, as sent: duplicates and malformed events included.', rows.bronze],
      ['Silver events', figure(rows.silver), null, 'Valid events in silver.stg_events, each event id once.', rows.silver],
      ['Gold events', figure(rows.gold_events), null,
        'Events the gold tables count (sum of engagement_by_device.events): equals silver events once the transform has run.', rows.gold_events],
      ['Quarantined', quarantine.value, quarantine.level, QUARANTINE_HINT, rows.quarantine],
      ['Rejected lines', figure(status.rejected_lines), Number(status.rejected_lines || 0) > 0 ? 'warn' : 'ok',
        'Bronze lines that are not JSON objects (bronze._rejected_lines), kept aside with their object and line.', status.rejected_lines],
      ['Kafka lag (records)', stream ? integer.format(stream.lag_records) : '–', stream && stream.lag_records > 10000 ? 'warn' : 'ok'],
      ['Dead letters (since start)', stream ? integer.format(stream.dead_letters) : '–', stream && stream.dead_letters > 0 ? 'warn' : 'ok'],
      ['Latest event (UTC)', status.latest_event_at ? utcLabel(status.latest_event_at) : '–'],
      ['Data age', status.latest_event_at ? ago(status.latest_event_at).replace(' ago', '') : '–']
    ];
  }

  function renderHealth(status) {
    const list = document.getElementById('health-list');
    list.replaceChildren(...healthItems(status).flatMap(([label, value, level, hint, raw]) => {
      const dt = el('dt', label);
      const dd = el('dd', value instanceof Node ? null : value, level ? 'level-' + level : '');
      if (value instanceof Node) {
        dd.appendChild(value);
      }
      dd.dataset.testid = 'health-' + label.toLowerCase().replace(/[^a-z]+/g, '-').replace(/-$/, '');
      if (raw !== undefined && raw !== null) {
        dd.dataset.value = String(raw);
      }
      if (hint) {
        dt.title = hint;
        dd.title = hint;
        dt.classList.add('hint');
      }
      return [dt, dd];
    }));
    const link = document.getElementById('jobs-link');
    if (status.jobs_dashboard && status.jobs_dashboard.port) {
      link.href = window.location.protocol + '//' + window.location.hostname + ':' + status.jobs_dashboard.port + status.jobs_dashboard.path;
      link.hidden = false;
    }
  }

  // ---- main ----------------------------------------------------------------------------------
  async function refresh() {
    document.body.dataset.state = 'loading';
    try {
      const [songs, devices, countries, hours, engagement, distribution, sessions, status] = await Promise.all([
        gold('top_songs', { order: 'rank' }),
        gold('engagement_by_device', {}),
        gold('engagement_by_country', {}),
        gold('engagement_by_hour', { order: 'event_hour' }),
        gold('user_engagement', {}),
        gold('event_type_distribution', { period_grain: 'hour', order: 'period_start_at' }),
        api('/api/v1/gold/listening_sessions?order=-session_start_at&limit=10').then(b => b.rows),
        api('/api/v1/pipeline/status')
      ]);
      renderHeadline(devices, engagement, songs);
      renderTopSongs(songs);
      renderSessions(sessions);
      renderHealth(status);
      drawTopSongs(songs.slice(0, 10));
      drawBreakdowns(countries, devices, hours);
      drawTrend(distribution);
      document.getElementById('error').hidden = true;
      document.getElementById('updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
      document.body.dataset.chartsReady = 'true';
      document.body.dataset.charts = String(Object.keys(charts).length);
      document.body.dataset.state = 'ready';
    } catch (error) {
      const banner = document.getElementById('error');
      banner.textContent = 'Cannot load the dashboard: ' + error.message;
      banner.hidden = false;
      document.body.dataset.state = 'error';
    }
  }

  function start() {
    if (typeof Chart === 'undefined') {
      document.getElementById('error').textContent = 'Chart.js did not load from /vendor/chart.umd.js.';
      document.getElementById('error').hidden = false;
      document.body.dataset.state = 'error';
      return;
    }
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = '#4a5563';
    takeTokenFromFragment();
    document.getElementById('refresh').addEventListener('click', refresh);
    refresh();
    setInterval(refresh, REFRESH_MS);
  }

  // ---- every few seconds, apart from the charts: "complete through T, n s ago" and the health
  // panel's counts (the status is one cheap call; the charts read whole gold tables, every minute) ----
  const COMPLETENESS_MS = 2000;

  async function showCompleteness() {
    const line = document.getElementById('complete-through');
    try {
      const status = await api('/api/v1/pipeline/status');
      renderHealth(status);
      const completeness = status.completeness || {};
      const through = completeness.gold_complete_through;
      line.textContent = through
        ? 'complete through ' + new Date(through).toISOString().slice(11, 19) + ' UTC, ' + ago(through)
        : 'completeness not known yet';
      line.dataset.through = through || '';
    } catch (error) {
      line.textContent = '';
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    showCompleteness();
    setInterval(showCompleteness, COMPLETENESS_MS);
  });

  // counted so a test (and a curious person) can see that the content security policy blocked nothing
  document.addEventListener('securitypolicyviolation', event => {
    document.body.dataset.cspViolations = String(Number(document.body.dataset.cspViolations || 0) + 1);
    document.body.dataset.cspBlocked = event.violatedDirective + ' ' + event.blockedURI;
  });
  document.addEventListener('DOMContentLoaded', start);
}());
